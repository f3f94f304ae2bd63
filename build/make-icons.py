# Generates the app icons (PNG, ICO with embedded PNG, ICNS) from code, so no binary tool is needed.
# A receipt on a teal rounded square. Run: python3 build/make-icons.py
import struct, zlib, os
here = os.path.dirname(os.path.abspath(__file__))

def png(size):
    bg, paper, ink = (0x0f, 0x76, 0x6e), (0xff, 0xff, 0xff), (0x13, 0x4e, 0x4a)
    rows = []
    r = size * 0.18
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            # rounded square mask
            dx = max(r - x, 0, x - (size - 1 - r)); dy = max(r - y, 0, y - (size - 1 - r))
            inside = dx * dx + dy * dy <= r * r
            if not inside:
                row += bytes((0, 0, 0, 0)); continue
            c = bg
            L, R, T, B = size * .28, size * .72, size * .16, size * .84
            if L <= x <= R and T <= y <= B:
                tooth = size * .05
                zig = B - tooth + abs(((x - L) % (2 * tooth)) - tooth)
                if y <= zig:
                    c = paper
                    for i, ly in enumerate((.28, .38, .48, .58)):
                        w = .36 if i % 2 == 0 else .26
                        if abs(y - size * ly) < size * .018 and L + size * .06 <= x <= L + size * (.06 + w):
                            c = ink
                    if abs(y - size * .70) < size * .03 and L + size * .06 <= x <= R - size * .06:
                        c = bg
            row += bytes((*c, 255))
        rows.append(bytes(row))
    raw = b''.join(rows)
    def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', size, size, 8, 6, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')

p512 = png(512); p256 = png(256)
for s, data in ((512, p512), (256, p256)):
    open(os.path.join(here, 'icons', f'{s}x{s}.png'), 'wb').write(data)
open(os.path.join(here, 'icon.png'), 'wb').write(p512)
# ICO: one 256×256 PNG entry (size byte 0 means 256).
open(os.path.join(here, 'icon.ico'), 'wb').write(struct.pack('<HHH', 0, 1, 1) + struct.pack('<BBBBHHII', 0, 0, 0, 0, 1, 32, len(p256), 22) + p256)
# ICNS: one ic09 (512×512 PNG) element.
el = b'ic09' + struct.pack('>I', 8 + len(p512)) + p512
open(os.path.join(here, 'icon.icns'), 'wb').write(b'icns' + struct.pack('>I', 8 + len(el)) + el)
