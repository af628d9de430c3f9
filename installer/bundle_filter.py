"""What the one-folder bundle leaves out: shared by build.spec and the bundle benchmark,
so that the bare window it is compared with gets the same exclusions."""

from pathlib import Path

# Qt modules the program never imports (PyInstaller adds only imported ones; these
# guard against optional imports pulling them in).
EXCLUDES = [
    "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets",
    "PySide6.QtSql", "PySide6.QtTest", "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets",
    "PySide6.QtDBus", "PySide6.QtConcurrent", "PySide6.QtXml", "PySide6.QtDesigner",
    "PySide6.QtHelp", "PySide6.QtUiTools", "PySide6.QtNetworkAuth", "PySide6.QtStateMachine",
    "tkinter", "unittest", "pydoc", "numpy", "pytest", "hypothesis", "mypy",
    # The program is offline: no TLS. http.client, urllib.request and ftplib (pulled in by
    # xml.sax and email) import ssl optionally; leaving it out drops _ssl and libssl (1.2 MB).
    "ssl", "_ssl",
    # Pulled in only through modules that import them lazily for work the program never
    # does (concurrent.futures' process pool, the pure-Python decimal fallback, XML-RPC,
    # tar archives); every pure module is carried twice, once in each executable.
    "multiprocessing", "_pydecimal", "xmlrpc", "tarfile",
]

# Plugins kept: platforms (windows, xcb, offscreen), print support, image formats in use,
# the svg icon engine. Translations kept: Vietnamese and English only.
KEEP_PLUGINS = ("platforms", "printsupport", "imageformats", "iconengines", "styles",
                "xcbglintegrations")
KEEP_IMAGEFORMATS = ("qico", "qsvg", "qjpeg", "qgif")
KEEP_PLATFORMS = ("qwindows", "qxcb", "qoffscreen", "qminimal", "qcocoa")


def wanted(dest: str) -> bool:
    parts = Path(dest).as_posix().split("/")
    if "translations" in parts:
        name = parts[-1]
        return name.endswith(("_vi.qm", "_en.qm"))
    if "plugins" in parts:
        i = parts.index("plugins")
        if len(parts) <= i + 1 or parts[i + 1] not in KEEP_PLUGINS:
            return False
        if parts[i + 1] == "imageformats":
            return any(k in parts[-1] for k in KEEP_IMAGEFORMATS)
        if parts[i + 1] == "platforms":
            return any(k in parts[-1] for k in KEEP_PLATFORMS)
    name = parts[-1]
    # Large Qt libraries only pulled in by the excluded modules / plugins.
    return not any(lib in name for lib in ("Qt6Qml", "Qt6Quick", "Qt6Network", "Qt6Pdf",
                                           "Qt6VirtualKeyboard", "Qt6OpenGL.", "Qt6Sql",
                                           "EglFS", "EglFs", "Wayland", "WlShell"))
