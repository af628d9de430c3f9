; Inno Setup 6 script for the Windows installer.
;
;   iscc /DAppVersion=0.1.0 installer\tanhoi-desktop.iss
;
; It packs the one-folder build in dist\tanhoi-desktop (python -m PyInstaller build.spec).
; Per-user install, no administrator rights. The user's data lives in the user's data
; folder (%LOCALAPPDATA%\TanHoiDesktop), never in the program folder, so updating or
; uninstalling the program leaves it alone.

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
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
; Inno Setup ships no official Vietnamese file; the texts the user sees are set below.
Name: "vi"; MessagesFile: "compiler:Default.isl"

[Messages]
vi.WelcomeLabel1=Chào mừng đến với trình cài đặt [name]
vi.WelcomeLabel2=Chương trình sẽ cài [name/ver] vào máy tính này.%n%nNên đóng các chương trình khác trước khi tiếp tục.
vi.ButtonNext=&Tiếp >
vi.ButtonBack=< &Quay lại
vi.ButtonCancel=Hủy
vi.ButtonInstall=&Cài đặt
vi.ButtonFinish=&Hoàn tất
vi.ButtonBrowse=&Chọn...
vi.SelectDirLabel3=Chương trình sẽ được cài vào thư mục sau.
vi.SelectDirBrowseLabel=Bấm Tiếp để tiếp tục. Muốn chọn thư mục khác, bấm Chọn.
vi.ReadyLabel1=Sẵn sàng cài đặt [name].
vi.ReadyLabel2a=Bấm Cài đặt để bắt đầu.
vi.InstallingLabel=Đang cài [name], xin chờ...
vi.FinishedHeadingLabel=Đã cài xong [name]
vi.FinishedLabel=Đã cài [name] vào máy. Có thể mở chương trình từ biểu tượng vừa tạo.
vi.ClickFinish=Bấm Hoàn tất để đóng trình cài đặt.
vi.SelectTasksLabel2=Chọn các việc cần làm thêm, rồi bấm Tiếp.
vi.ExitSetupTitle=Thoát cài đặt
vi.ExitSetupMessage=Chưa cài xong. Nếu thoát bây giờ, chương trình sẽ không được cài.%n%nThoát cài đặt?
vi.ConfirmUninstall=Gỡ %1? Dữ liệu của xã (trong thư mục dữ liệu của người dùng) được giữ nguyên.
vi.UninstalledAll=Đã gỡ %1. Dữ liệu của xã vẫn được giữ nguyên.

[CustomMessages]
vi.DesktopIcon=Tạo biểu tượng trên màn hình
vi.LaunchProgram=Mở chương trình ngay

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"

[Files]
Source: "..\dist\tanhoi-desktop\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion

[Icons]
Name: "{group}\Theo dõi bình đẳng giới"; Filename: "{app}\tanhoi-desktop.exe"
Name: "{group}\Gỡ cài đặt"; Filename: "{uninstallexe}"
Name: "{userdesktop}\Theo dõi bình đẳng giới"; Filename: "{app}\tanhoi-desktop.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\tanhoi-desktop.exe"; Description: "{cm:LaunchProgram}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] for the data folder: uninstalling never touches the commune's data.
