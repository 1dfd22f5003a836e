"""Built-in sample evidence, written in pure Python (no root, no system tools)."""

from .generator import SAMPLE_IMAGE_SIZE, build_sample_image, chrome_history_bytes

__all__ = ["SAMPLE_IMAGE_SIZE", "build_sample_image", "chrome_history_bytes"]
