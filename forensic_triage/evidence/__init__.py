"""Evidence containers: detection, read-only media access, intake hashing and verification."""

from .detect import Detected, detect
from .images import EwfMedia, RawMedia, TskImage, open_media

__all__ = ["Detected", "EwfMedia", "RawMedia", "TskImage", "detect", "open_media"]
