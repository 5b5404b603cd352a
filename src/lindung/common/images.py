"""Photos re-encoded so that nothing but their pixels survives.

A photo from a phone carries far more than the picture: EXIF and XMP with the GPS position,
the camera's serial number and the owner's name, a second image appended after the first
(MPF in JPEG, "trailers" some phones write), text chunks in PNG, EXIF/XMP chunks in WebP,
thumbnails and depth maps in HEIC. Editing those formats byte by byte misses what the
editor does not know, so every photo is decoded with Pillow (HEIC/HEIF through
pillow-heif) and a new file is written from the pixels of its first image only: EXIF
orientation is applied first so that the picture stays upright, colours are converted to
sRGB when the photo has a colour profile, and everything else is dropped.

JPEG, PNG and WebP are written in their own format; HEIC/HEIF becomes JPEG (browsers do not
show HEIC, and a JPEG is what staff can open).
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

import pillow_heif
from PIL import Image
from PIL import ImageCms
from PIL import ImageOps
from PIL import UnidentifiedImageError

pillow_heif.register_heif_opener()

# Beyond this, decoding takes hundreds of MB: a 48-megapixel phone photo is well inside it.
MAX_PIXELS = 60_000_000
JPEG_QUALITY = 90
WEBP_QUALITY = 90

_FORMATS = {  # content type -> (Pillow's format when reading, when writing, type, extension)
    "image/jpeg": ({"JPEG", "MPO"}, "JPEG", "image/jpeg", ".jpg"),
    "image/png": ({"PNG"}, "PNG", "image/png", ".png"),
    "image/webp": ({"WEBP"}, "WEBP", "image/webp", ".webp"),
    "image/heic": ({"HEIF", "HEIC", "AVIF"}, "JPEG", "image/jpeg", ".jpg"),
}


class ImageError(ValueError):
    """The image cannot be decoded (damaged, not what it claims, or too large); `kind` is
    "damaged" or "too-large"."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


@dataclass(frozen=True)
class CleanImage:
    content: bytes
    content_type: str
    extension: str


def _srgb(image: Image.Image) -> Image.Image:
    profile = image.info.get("icc_profile")
    if not profile or image.mode not in ("RGB", "RGBA", "CMYK", "L"):
        return image
    output = {"RGBA": "RGBA", "L": "L"}.get(image.mode, "RGB")
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        target = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
        converted = ImageCms.profileToProfile(image, source, target, outputMode=output)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image  # an unreadable profile: keep the pixels as they are
    return converted if converted is not None else image


def _pixels_only(image: Image.Image, *, alpha: bool) -> Image.Image:
    """A new image holding only the pixels (no info, no EXIF, no palette tricks)."""
    has_alpha = alpha and (image.mode in ("RGBA", "LA", "PA")
                           or (image.mode == "P" and "transparency" in image.info))
    if image.mode in ("I;16", "I", "F"):
        image = image.convert("I").point(lambda value: value / 256).convert("L")
    mode = ("RGBA" if has_alpha else "RGB") if image.mode not in ("L", "LA") else (
        "LA" if has_alpha else "L")
    image = image.convert(mode) if image.mode != mode else image
    return Image.frombytes(mode, image.size, image.tobytes())


def reencode(content: bytes, content_type: str) -> CleanImage:
    """The photo written anew from its first image's pixels; ImageError when it cannot be."""
    reading, writing, out_type, extension = _FORMATS[content_type]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as image:
                if image.format not in reading:
                    raise ImageError("damaged")
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise ImageError("too-large")
                image.seek(0)  # the first image only: MPF/animation frames are dropped
                image.load()
                upright = ImageOps.exif_transpose(image)
                coloured = _srgb(upright)
                clean = _pixels_only(coloured, alpha=writing != "JPEG")
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageError("too-large") from exc
    except ImageError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as exc:
        raise ImageError("damaged") from exc
    buffer = io.BytesIO()
    if writing == "JPEG":
        clean.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    elif writing == "WEBP":
        clean.save(buffer, "WEBP", quality=WEBP_QUALITY)
    else:
        clean.save(buffer, "PNG", optimize=True)
    return CleanImage(buffer.getvalue(), out_type, extension)
