#!/usr/bin/env bash
# Runs an application's data loader on the host that runs it.
set -euo pipefail
umask 077
export APP_IP=10.252.0.20 DATA_MB=16
exec python3 -c 'import os, socket, sys
mb = int(os.environ["DATA_MB"]); size = 4096
s = socket.create_connection((os.environ["APP_IP"], 6379))
count = mb * 1024 * 1024 // size
batch = []
for i in range(count):
    value = os.urandom(size)
    batch.append(b"*3\r\n$3\r\nSET\r\n$%d\r\nkey:%d\r\n$%d\r\n%s\r\n" % (len(b"key:%d" % i), i, size, value))
    if len(batch) == 256 or i == count - 1:
        s.sendall(b"".join(batch))
        expect = len(batch) * 5
        got = b""
        while len(got) < expect:
            got += s.recv(65536)
        batch = []
print(f"loaded {count} keys of {size} bytes")
'
