#!/usr/bin/env python3
# gst-instagram tests: turn a fragmented MP4 from mp4mux into the
# isoff-on-demand ("dashinit") layout Instagram's DASH files have:
#   ftyp, moov, sidx, then moof+mdat pairs, and no mfra.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
#   add-sidx.py IN OUT
#
# mp4mux does not write a sidx. This adds one (ISO/IEC 14496-12 8.16.3)
# with one reference per moof+mdat pair. mfra is dropped: its tfra entries
# hold absolute moof offsets that the insertion would move. The moofs'
# own offsets are relative (trun data_offset from the moof), and a tfhd
# base_data_offset, which is absolute, is refused rather than guessed.
import struct
import sys

CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl", b"mvex", b"moof",
              b"traf"}


class Box:
    def __init__(self, kind, start, header, size, data):
        self.kind = kind
        self.start = start  # offset of the box in the file
        self.header = header
        self.size = size
        self.data = data  # the whole file

    @property
    def body(self):
        return self.data[self.start + self.header:self.start + self.size]

    def children(self):
        return list(walk(self.data, self.start + self.header,
                         self.start + self.size))

    def child(self, kind):
        for box in self.children():
            if box.kind == kind:
                return box
        raise ValueError("no %s in %s at %d" % (kind, self.kind, self.start))


def walk(data, offset, end):
    while offset < end:
        size, kind = struct.unpack_from(">I4s", data, offset)
        header = 8
        if size == 1:
            size = struct.unpack_from(">Q", data, offset + 8)[0]
            header = 16
        elif size == 0:
            size = end - offset
        if size < header or offset + size > end:
            raise ValueError("bad box %r at %d" % (kind, offset))
        yield Box(kind, offset, header, size, data)
        offset += size


def full_box(box):
    """Version, flags and the rest of a full box's body."""
    body = box.body
    return body[0], int.from_bytes(body[1:4], "big"), body[4:]


def media_timescale(moov):
    mdhd = moov.child(b"trak").child(b"mdia").child(b"mdhd")
    version, _, rest = full_box(mdhd)
    return struct.unpack_from(">I", rest, 16 if version == 1 else 8)[0]


def trex_default_duration(moov):
    try:
        trex = moov.child(b"mvex").child(b"trex")
    except ValueError:
        return 0
    # track_ID, default_sample_description_index, default_sample_duration
    return struct.unpack_from(">III", full_box(trex)[2])[2]


def parse_tfhd(traf):
    """(track_ID, default_sample_duration or None)."""
    _, flags, rest = full_box(traf.child(b"tfhd"))
    track_id = struct.unpack_from(">I", rest)[0]
    if flags & 0x01:
        raise ValueError("tfhd has an absolute base_data_offset")
    pos = 4
    if flags & 0x02:  # sample_description_index
        pos += 4
    if flags & 0x08:
        return track_id, struct.unpack_from(">I", rest, pos)[0]
    return track_id, None


def parse_tfdt(traf):
    version, _, rest = full_box(traf.child(b"tfdt"))
    return struct.unpack_from(">Q" if version == 1 else ">I", rest)[0]


def parse_trun(traf, default_duration):
    """[(duration, composition_offset)] for each sample of the run."""
    version, flags, rest = full_box(traf.child(b"trun"))
    count = struct.unpack_from(">I", rest)[0]
    pos = 4
    if flags & 0x001:  # data_offset
        pos += 4
    if flags & 0x004:  # first_sample_flags
        pos += 4
    samples = []
    for _ in range(count):
        duration, cto = default_duration, 0
        if flags & 0x100:
            duration = struct.unpack_from(">I", rest, pos)[0]
            pos += 4
        if flags & 0x200:  # sample_size
            pos += 4
        if flags & 0x400:  # sample_flags
            pos += 4
        if flags & 0x800:
            cto = struct.unpack_from(">i" if version else ">I", rest, pos)[0]
            pos += 4
        samples.append((duration, cto))
    return samples


def subsegments(boxes, trex_duration):
    """(track_ID, earliest time, [(referenced_size, duration)]) of the
    moof+mdat pairs."""
    refs = []
    earliest = None
    track_id = None
    for moof, mdat in zip(boxes[::2], boxes[1::2]):
        if moof.kind != b"moof" or mdat.kind != b"mdat":
            raise ValueError("expected moof+mdat at %d" % moof.start)
        traf = moof.child(b"traf")
        track_id, tfhd_duration = parse_tfhd(traf)
        default = tfhd_duration if tfhd_duration is not None else trex_duration
        samples = parse_trun(traf, default)
        if earliest is None:
            dts = parse_tfdt(traf)
            earliest = dts + min(cto for _, cto in samples)
        refs.append((moof.size + mdat.size, sum(d for d, _ in samples)))
    if len(boxes) % 2:
        raise ValueError("a moof without its mdat")
    return track_id, earliest, refs


def make_sidx(track_id, timescale, earliest, refs):
    version = 1 if earliest > 0xFFFFFFFF else 0
    times = struct.pack(">QQ" if version else ">II", earliest, 0)
    body = struct.pack(">I", version << 24) + struct.pack(">II", track_id,
                                                          timescale)
    body += times + struct.pack(">HH", 0, len(refs))
    for size, duration in refs:
        if size >= 1 << 31:
            raise ValueError("subsegment too large for a sidx reference")
        # reference_type 0 (media); starts_with_SAP 1, SAP_type 1, delta 0
        body += struct.pack(">III", size, duration, (1 << 31) | (1 << 28))
    return struct.pack(">I4s", 8 + len(body), b"sidx") + body


def add_sidx(data):
    top = [box for box in walk(data, 0, len(data)) if box.kind != b"mfra"]
    kinds = [box.kind for box in top]
    if kinds[:2] != [b"ftyp", b"moov"] or b"sidx" in kinds:
        raise ValueError("expected ftyp, moov and no sidx, got %r" % kinds)
    moov = top[1]
    track_id, earliest, refs = subsegments(top[2:],
                                           trex_default_duration(moov))
    sidx = make_sidx(track_id, media_timescale(moov), earliest, refs)
    head = data[:moov.start + moov.size]
    tail = b"".join(data[b.start:b.start + b.size] for b in top[2:])
    return head + sidx + tail


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: add-sidx.py IN OUT")
    with open(sys.argv[1], "rb") as f:
        data = f.read()
    out = add_sidx(data)
    with open(sys.argv[2], "wb") as f:
        f.write(out)


if __name__ == "__main__":
    main()
