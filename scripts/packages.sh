# Debian package lists, shared by scripts/bootstrap.sh and scripts/classroom_kit.sh (sourced).
# Runtime: libmagic (file types), python venv.
RUNTIME_PKGS="python3 python3-venv python3-dev gcc zlib1g-dev libmagic1 fuse3 fonts-dejavu-core libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0"
# Desktop application: every library Qt 6's X11 (xcb) platform plugin loads (ldd of PySide6's
# libqxcb.so and libQt6XcbQpa.so.6 + dpkg -S); forensic_triage/guicheck.py names the same packages.
GUI_PKGS="libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1 libxkbcommon0 libxkbcommon-x11-0 libx11-6 libx11-xcb1 libgl1 libegl1 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0"
# Tests also build real images with real tools and start the real GUI under Xvfb (xdotool, imagemagick);
# lab-mode tests start a throwaway PostgreSQL cluster and redis-server (tests/lab).
TEST_PKGS="qemu-utils cryptsetup-bin exfatprogs fuse3 dosfstools mtools ntfs-3g ntfs-3g-dev e2fsprogs fdisk ewf-tools sleuthkit yara hashdeep poppler-utils faketime gcc xvfb strace zip xdotool imagemagick postgresql redis-server"
# A classroom machine runs the wheels from the kit: no compiler, no headers.
KIT_PKGS="python3 python3-venv libmagic1 fuse3 fonts-dejavu-core $GUI_PKGS"
