#!/usr/bin/env python3
"""Example external reward for MILR Studio: JSON lines over stdin/stdout.

Each request is one JSON object a line:
    {"id": 1, "image": "/path/step-0001.png", "prompt": "...", "metadata": {...} or null, "step": 1}
Each reply is one JSON object a line (flush after each):
    {"id": 1, "reward": 0.42, "passed": false, "components": [{"name": "red", "value": 0.42}],
     "reasons": ["less than half of the image is red"]}

This example scores the fraction of clearly red pixels. It reads 8-bit RGB PNG (non-interlaced) and
binary PPM with the standard library only. The --fault option makes it misbehave on purpose, for
tests of the app's error handling: crash, crash-once, crash-at-step-2 (from MILR step 2 on, also after a
restart), hang, garbage, nan, range, wrong-id, exit-at-start.
"""
import json
import struct
import sys
import time
import zlib


def read_ppm(data):
    parts = data.split(maxsplit=4)
    if parts[0] != b"P6":
        raise ValueError("not a binary PPM")
    width, height = int(parts[1]), int(parts[2])
    pixels = parts[4][: width * height * 3]
    return width, height, pixels


def read_png(data):
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            if depth != 8 or colour != 2:
                raise ValueError("only 8-bit RGB PNG is supported by this example")
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride, out, previous = zlib.decompress(idat), width * 3, bytearray(), bytearray(width * 3)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - 3] if x >= 3 else 0
            up, up_left = previous[x], previous[x - 3] if x >= 3 else 0
            if kind == 1:
                line[x] = (line[x] + left) & 255
            elif kind == 2:
                line[x] = (line[x] + up) & 255
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                line[x] = (line[x] + (left if pa <= pb and pa <= pc else up if pb <= pc else up_left)) & 255
        out += line
        previous = line
    return width, height, bytes(out)


def red_fraction(path):
    with open(path, "rb") as f:
        data = f.read()
    width, height, pixels = read_png(data) if data[:4] == b"\x89PNG" else read_ppm(data)
    red = sum(1 for i in range(0, len(pixels), 3)
              if pixels[i] > 150 and pixels[i + 1] < 100 and pixels[i + 2] < 100)
    return red / float(width * height)


def main():
    fault = sys.argv[sys.argv.index("--fault") + 1] if "--fault" in sys.argv else ""
    if fault == "exit-at-start":
        sys.exit(4)
    answered = 0
    for line in sys.stdin:
        request = json.loads(line)
        answered += 1
        if fault == "crash" or (fault == "crash-once" and answered == 1 and "--restarted" not in sys.argv
                                and not _marker_exists(request)):
            print("example evaluator: crashing on purpose", file=sys.stderr, flush=True)
            sys.exit(3)
        if fault == "crash-at-step-2" and request.get("step", 0) >= 2:
            print("example evaluator: crashing on purpose at step %d" % request["step"], file=sys.stderr, flush=True)
            sys.exit(3)
        if fault == "hang":
            time.sleep(3600)
        if fault == "garbage":
            print("this is not json", flush=True)
            continue
        value = red_fraction(request["image"])
        reply = {"id": request["id"], "reward": value, "passed": value > 0.5,
                 "components": [{"name": "red pixels", "value": value}],
                 "reasons": [] if value > 0.5 else ["less than half of the image is red"]}
        if fault == "nan":
            reply["reward"] = float("nan")
        if fault == "range":
            reply["reward"] = 1.5
        if fault == "wrong-id":
            reply["id"] = request["id"] + 100
        print(json.dumps(reply), flush=True)


def _marker_exists(request):
    # crash-once: crash on the first request of the first process only (a marker file beside the image).
    import os
    marker = os.path.join(os.path.dirname(request["image"]), ".crashed-once")
    if os.path.exists(marker):
        return True
    open(marker, "w").close()
    return False


if __name__ == "__main__":
    main()
