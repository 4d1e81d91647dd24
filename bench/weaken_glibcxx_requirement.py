#!/usr/bin/env python3
"""Mark one symbol-version requirement of an ELF64 shared library weak (VER_FLG_WEAK).

TorchSharp 0.107.0's libLibTorchSharp.so requires libstdc++'s GLIBCXX_3.4.32 (GCC 13), which
Debian 12 lacks, so dlopen fails. Only std::ios_base_library_init() carries that version, and
it is referenced to pin the library version, never called. A weak requirement makes the loader
accept the older libstdc++ (it only warns). The file is rewritten through a temporary copy and a
rename, so a hard link into the NuGet cache is never modified.

Usage: weaken_glibcxx_requirement.py LIBRARY [VERSION]   (VERSION defaults to GLIBCXX_3.4.32)
Exit status 0 when the requirement is weak afterwards or absent, 1 on a malformed file.
"""
import os
import struct
import sys
import tempfile

SHT_GNU_VERNEED = 0x6FFFFFFE
VER_FLG_WEAK = 0x2


def fail(path, message):
    sys.exit(f"{path}: {message}")


def c_string(data, offset):
    end = data.index(b"\0", offset)
    return data[offset:end].decode("ascii", "replace")


def weaken(path, version):
    with open(path, "rb") as f:
        data = bytearray(f.read())
    if data[:4] != b"\x7fELF":
        fail(path, "not an ELF file (bad magic at offset 0)")
    if data[4] != 2 or data[5] != 1:
        fail(path, f"only little-endian ELF64 is handled (class {data[4]}, data {data[5]} at offset 4)")

    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    if shoff == 0 or shentsize != 64 or shoff + shnum * 64 > len(data):
        fail(path, f"section header table at offset {shoff} ({shnum} × {shentsize} bytes) does not fit the file")

    def section(index):
        return struct.unpack_from("<IIQQQQIIQQ", data, shoff + index * 64)

    verneed = [section(i) for i in range(shnum) if section(i)[1] == SHT_GNU_VERNEED]
    if len(verneed) != 1:
        fail(path, f"expected one .gnu.version_r section, found {len(verneed)}")
    _, _, _, _, offset, size, link, count, _, _ = verneed[0]
    strtab_offset = section(link)[4]

    patched = found = 0
    entry = offset
    for _ in range(count):
        if entry + 16 > offset + size:
            fail(path, f"Verneed entry at offset {entry} runs past .gnu.version_r")
        _, aux_count, file_name, aux, next_entry = struct.unpack_from("<HHIII", data, entry)
        library = c_string(data, strtab_offset + file_name)
        at = entry + aux
        for _ in range(aux_count):
            if at + 16 > offset + size:
                fail(path, f"Vernaux entry at offset {at} runs past .gnu.version_r")
            _, flags, _, name, next_aux = struct.unpack_from("<IHHII", data, at)
            if c_string(data, strtab_offset + name) == version:
                found += 1
                if not flags & VER_FLG_WEAK:
                    struct.pack_into("<H", data, at + 4, flags | VER_FLG_WEAK)
                    patched += 1
                print(f"{path}: {library} {version} at offset {at}: "
                      f"{'marked weak' if not flags & VER_FLG_WEAK else 'already weak'}")
            at += next_aux
        entry += next_entry

    if not found:
        print(f"{path}: no requirement of {version}; nothing to do")
    if not patched:
        return
    directory = os.path.dirname(os.path.abspath(path))
    mode = os.stat(path).st_mode & 0o7777
    fd, temporary = tempfile.mkstemp(dir=directory, prefix=".weaken-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    weaken(sys.argv[1], sys.argv[2] if len(sys.argv) == 3 else "GLIBCXX_3.4.32")
