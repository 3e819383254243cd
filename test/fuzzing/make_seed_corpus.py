#!/usr/bin/env python3
"""Regenerates the seed corpora test/fuzzing/corpus/fuzz_<name>/ from the golden wire
vectors (test/data/wire-vectors/vectors.jsonl) plus a few hand-made hostile inputs.

Every fuzz input is: a configuration byte, a chunking byte (0 = one chunk), then the bytes
received (see fuzz_common.hpp). Files are named by the SHA-1 of their content, as
libFuzzer names the inputs it adds; files named regression-* (inputs that once found a
bug) are kept. Run from anywhere: python3 test/fuzzing/make_seed_corpus.py
"""
import hashlib
import json
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
VECTORS = HERE.parent / "data" / "wire-vectors" / "vectors.jsonl"
MAX_SEED = 4096  # keep the corpora small: large vectors add nothing a fuzzer needs


def vectors(fmt, wrap, kind="stream"):
    out = []
    with open(VECTORS) as f:
        for line in f:
            v = json.loads(line)
            if v["format"] == fmt and v["wrap"] == wrap and v["kind"] == kind:
                data = bytes.fromhex(v["hex"])
                if len(data) <= MAX_SEED:
                    out.append(data)
    return out


def write(name, seeds):
    d = HERE / "corpus" / f"fuzz_{name}"
    d.mkdir(parents=True, exist_ok=True)
    for old in d.iterdir():
        if not old.name.startswith("regression-"):  # inputs that once failed stay
            old.unlink()
    for config, chunking, payload in seeds:
        content = bytes([config, chunking]) + payload
        (d / hashlib.sha1(content).hexdigest()).write_bytes(content)
    print(f"fuzz_{name}: {len(seeds)} seeds")


def per_vector_and_stream(fmt, wrap, configs, hostile=()):
    vs = vectors(fmt, wrap)
    seeds = [(configs[0], 0, v) for v in vs]
    for i, config in enumerate(configs):
        seeds.append((config, 7 + i, b"".join(vs)[:MAX_SEED]))  # several packets, chunked
    seeds += [(configs[0], 3, h) for h in hostile]
    return seeds


def main():
    write("msgpack", per_vector_and_stream("msgpack", "none", [0, 1, 2, 4], [
        bytes.fromhex("c1a26f6b"), bytes.fromhex("ddffffffff01"), bytes.fromhex("dbffffffff61"),
        bytes.fromhex("d40100c7020100ff"), bytes.fromhex("81c40161c3"), b"\x91" * 300,
        bytes.fromhex("a2c32801"), bytes.fromhex("810102"),
    ]))
    write("cbor", per_vector_and_stream("cbor", "none", [0, 1, 2, 4], [
        bytes.fromhex("9f0102ff"), bytes.fromhex("bf616101616202ff"), bytes.fromhex("7f62616261636164ff"),
        bytes.fromhex("c249010000000000000000"), bytes.fromhex("c348ffffffffffffffff"),
        bytes.fromhex("f93e00fa3fc00000"), bytes.fromhex("1c"), bytes.fromhex("9bffffffffffffffff01"),
        b"\x9f" * 300, bytes.fromhex("d9d9f7a1616bc48201f6"), bytes.fromhex("5f4101ff4161"),
    ]))
    json_stream = vectors("json", "none")
    write("json", [(0, 0, v) for v in json_stream]
          + [(0, 5, b"".join(json_stream)[:MAX_SEED]), (2, 9, b"".join(json_stream)[:MAX_SEED])]
          + [(1, 0, v.rstrip(b"\n")) for v in json_stream[40:56]]
          + [(1, 3, b'{"a":[1,"}\\"",{"b":null}]}[1,2]"x"12 '), (0, 0, b'  {"z" : 1 }  \r\n\n'),
             (0, 1, b"[" * 300 + b"\n"), (0, 0, b"NaN\n-Infinity\n18446744073709551616\n")])
    line_stream = vectors("line", "none")
    write("line", [(0, 0, v) for v in line_stream]
          + [(c, 4, b"".join(line_stream)) for c in (0, 1, 2, 4, 8, 16)]
          + [(0, 0, b"abc\r\n\xff\xfe\n\n"), (8, 1, b"x" * 40 + b"\n")])
    write("struct", [(c, k, bytes(range(k * 3, k * 3 + 60))) for c in range(6) for k in (0, 5)]
          + [(2, 0, b"\x7f\xf0" + b"\x00" * 6 + b"\xff" * 12 + b"\x7f\xf8" + b"\x00" * 6)])
    b64 = vectors("json", "base64")
    write("base64", [(0, 0, v) for v in b64] + [(0, 6, b"".join(b64)[:MAX_SEED]),
                                                (1, 0, b"eyJrIjoxfQ==\r\nA\r\n!!\r\nMTI\r\n"),
                                                (2, 0, b"MTKkqH8l1nqcn5iy7WRvq1Iv4T8nBR6a5H5g-5b7iaYqmWE=\r\n"),
                                                (24, 2, b"x" * 80 + b"\nMw==\n")])
    for wrap in ("zlib", "bz2"):
        j = vectors("json", wrap)
        m = vectors("msgpack", wrap)
        write(wrap, [(0, 0, v) for v in j[:20]] + [(1, 0, v) for v in m[:20]]
              + [(0, 11, b"".join(j)[:MAX_SEED]), (1, 13, b"".join(m)[:MAX_SEED]),
                 (0, 0, b"garbage!" + j[0]), (2, 0, j[-1][: len(j[-1]) // 2])])


if __name__ == "__main__":
    main()
