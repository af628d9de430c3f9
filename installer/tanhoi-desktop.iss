; Inno Setup 6.3 or newer (x64compatible, and this file is UTF-8 without a byte order
; mark, which older versions read as ANSI) builds the Windows installer:
;
;   iscc /DAppVersion=0.1.0 installer\tanhoi-desktop.iss
;
; It packs the one-folder build in dist\tanhoi-desktop (python -m PyInstaller build.spec).
; Per-user install, no administrator rights. The user's data lives in the user's data
; folder (%LOCALAPPDATA%\TanHoiDesktop) or wherever the user saved a data file, never in
; the program folder, so updating or uninstalling the program leaves it alone.

#if VER < EncodeVer(6, 3, 0)
  #error Inno Setup 6.3 or newer is needed to build this installer
#endif

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6F0B7E53-2282-4C1A-9A55-7A3E1D2282A1}
AppName=Theo dõi bình đẳng giới
AppVersion={#AppVersion}
AppPublisher=UBND xã Tân Hội
DefaultDirName={localappdata}\Programs\TanHoiDesktop
DefaultGroupName=Theo dõi bình đẳng giới
PrivilegesRequired=lowest
DisableProgramGroupPage=yes
OutputDir=..\dist
OutputBaseFilename=tanhoi-desktop-{#AppVersion}-setup
SetupIconFile=..\resources\icons\tanhoi.ico
UninstallDisplayIcon={app}\tanhoi-desktop.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; a 64-bit program: 32-bit Windows is refused with a sentence, not a broken install
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
; Default.isl first: a message a newer Inno Setup adds, not yet in Vietnamese.isl, is
; shown in English rather than stopping the build.
Name: "vi"; MessagesFile: "compiler:Default.isl,Vietnamese.isl"

[CustomMessages]
vi.DesktopIcon=Tạo biểu tượng trên màn hình
vi.LaunchProgram=Mở chương trình ngay
vi.ElevatedRun=Trình cài đặt đang chạy với quyền quản trị.%n%nChương trình được cài cho riêng một người dùng và không cần quyền này. Nếu quyền quản trị vừa nhập là của một tài khoản khác (ví dụ của cán bộ tin học), chương trình và biểu tượng sẽ thuộc về tài khoản đó, không phải người đang dùng máy: khi đó hãy bấm Không, rồi chạy lại trình cài đặt bằng cách bấm đúp bình thường.%n%nCài tiếp cho tài khoản đang chạy trình cài đặt?

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"

[InstallDelete]
; an upgrade replaces the bundle's libraries as a whole: nothing of the old version's
; may stay behind to be loaded by the new one (the data never lives here)
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "..\dist\tanhoi-desktop\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[Icons]
; started in Documents: a file dialog, or a file saved by name, never lands in the
; program's folder (which an upgrade replaces)
Name: "{group}\Theo dõi bình đẳng giới"; Filename: "{app}\tanhoi-desktop.exe"; WorkingDir: "{userdocs}"
Name: "{group}\Gỡ cài đặt"; Filename: "{uninstallexe}"
Name: "{userdesktop}\Theo dõi bình đẳng giới"; Filename: "{app}\tanhoi-desktop.exe"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
; runasoriginaluser: after an elevated install the program opens as the user, not as
; the administrator account (whose data folder is another one)
Filename: "{app}\tanhoi-desktop.exe"; WorkingDir: "{userdocs}"; Description: "{cm:LaunchProgram}"; Flags: nowait postinstall skipifsilent runasoriginaluser

; No [UninstallDelete] for the data folder: uninstalling never touches the commune's data.

[Code]
function InitializeSetup(): Boolean;
begin
  Result := True;
  { A per-user install started elevated writes into the elevating account's profile. }
  if IsAdmin() then
    Result := SuppressibleMsgBox(CustomMessage('ElevatedRun'), mbConfirmation, MB_YESNO,
                                 IDYES) = IDYES;
end;
