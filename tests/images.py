"""Real photos for upload tests, made with Pillow (and pillow-heif for HEIC), each carrying
what a phone writes into a photo: an EXIF GPS position, a description, XMP, a second image
(MPF) and a trailer after the end of the image."""

from __future__ import annotations

import io

import pillow_heif
from PIL import ExifTags, Image, PngImagePlugin

pillow_heif.register_heif_opener()

SECRET = "Desa-Rahasia"  # in the EXIF description, the XMP and the trailers
XMP = (f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
       f'22-rdf-syntax-ns#"><rdf:Description photoshop:City="{SECRET}" xmlns:photoshop='
       f'"http://ns.adobe.com/photoshop/1.0/"/></rdf:RDF></x:xmpmeta>').encode()
TRAILER = b"SEFH\x00\x00" + SECRET.encode() + b" GPS -10.1772,123.6070"


def gps_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.ImageDescription] = SECRET
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "S"
    gps[ExifTags.GPS.GPSLatitude] = (10.0, 10.0, 38.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (123.0, 36.0, 25.0)
    return exif


def picture(size: tuple[int, int] = (64, 48), mode: str = "RGB") -> Image.Image:
    image = Image.new(mode, size, "white" if mode != "RGBA" else (255, 255, 255, 128))
    for x in range(size[0] // 2):  # a red left half, to check orientation and pixels
        for y in range(size[1]):
            image.putpixel((x, y), (200, 0, 0) if mode == "RGB" else (200, 0, 0, 255))
    return image


def jpeg_with_gps(*, mpf: bool = True, trailer: bool = True, orientation: int = 1) -> bytes:
    """A JPEG with EXIF GPS and XMP; with `mpf` a second image (MPF, as phones write for
    depth or wide-angle) carrying the same GPS; with `trailer` bytes after the image."""
    buffer = io.BytesIO()
    exif = gps_exif(orientation).tobytes()
    if mpf:
        picture().save(buffer, "MPO", exif=exif, xmp=XMP, save_all=True,
                       append_images=[picture((32, 24))])
    else:
        picture().save(buffer, "JPEG", exif=exif, xmp=XMP)
    return buffer.getvalue() + (TRAILER if trailer else b"")


def webp_with_gps() -> bytes:
    buffer = io.BytesIO()
    picture().save(buffer, "WEBP", exif=gps_exif().tobytes(), xmp=XMP)
    return buffer.getvalue()


def png_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", SECRET)
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    buffer = io.BytesIO()
    picture(mode="RGBA").save(buffer, "PNG", pnginfo=info, exif=gps_exif().tobytes())
    return buffer.getvalue()


def heic_with_gps() -> bytes:
    buffer = io.BytesIO()
    picture().save(buffer, "HEIF", exif=gps_exif().tobytes(), xmp=XMP, quality=90)
    return buffer.getvalue()


def plain_png() -> bytes:
    buffer = io.BytesIO()
    picture((4, 4)).save(buffer, "PNG")
    return buffer.getvalue()


def rgb(content: bytes, xy: tuple[int, int]) -> tuple[int, int, int]:
    """The colour of one pixel of a stored photo."""
    with Image.open(io.BytesIO(content)) as image:
        red, green, blue = image.convert("RGB").getpixel(xy)  # type: ignore[misc]
        return int(red), int(green), int(blue)


def leaks(content: bytes) -> list[str]:
    """What of the metadata is still in a stored file (empty when nothing is)."""
    found = [marker for marker in (SECRET, "PhoneMaker", "GPS -10", "xmpmeta", "SEFH")
             if marker.encode() in content]
    with Image.open(io.BytesIO(content)) as image:
        exif = image.getexif()
        if exif:
            found.append(f"exif {dict(exif)}")
        if exif.get_ifd(ExifTags.IFD.GPSInfo):
            found.append("gps")
        frames = int(getattr(image, "n_frames", 1))
        if frames != 1:
            found.append(f"{frames} images")
        found.extend(f"info {key}" for key in image.info
                     if key in ("exif", "xmp", "XML:com.adobe.xmp", "Comment", "icc_profile"))
    return found
