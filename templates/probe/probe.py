# ferry's client probe: N concurrent clients, each sending one request per connection to the front (the
# app file's probe: an HTTP GET answered 200, or a line sent and an answer that starts as expected, with
# {n} a random number below the answer to the count request), recording start, end and outcome of every
# request. Bounded: stops at the stop file, after the time limit, or at the request limit, whichever
# comes first. With comments (WordPress), one HTTP request in N posts a comment instead; once stopped,
# the probe checks that every comment the site acknowledged is there.
import asyncio, json, os, random, re, time, urllib.parse

CONFIG = {{ config | json }}
HOST, PORT = CONFIG["host"], CONFIG["port"]
HTTP, SEND, EXPECT, COUNT = CONFIG["http"], CONFIG["send"].encode(), CONFIG["expect"].encode(), CONFIG["count"].encode()
TIMEOUT = CONFIG["timeoutSeconds"]
DEADLINE = time.time() + CONFIG["seconds"]
LIMIT = CONFIG["maxRequests"]
COMMENTS_EVERY, COMMENTS_LIST = CONFIG["commentsEvery"], CONFIG["commentsList"]
# WordPress's first post, seeded open for comments.
POST_ID = 1
acknowledged = {}
rows = []
failures = 0
issued = 0
count = 1


def stopping():
    return len(rows) >= LIMIT or time.time() > DEADLINE or os.path.exists(CONFIG["stopFile"])


async def exchange(payload):
    reader, writer = await asyncio.open_connection(HOST, PORT)
    try:
        writer.write(payload)
        await writer.drain()
        return await reader.readline()
    finally:
        writer.close()


async def http(method, path, form=b""):
    reader, writer = await asyncio.open_connection(HOST, PORT)
    try:
        head = f"{method} {path} HTTP/1.1\r\nHost: ferry-front\r\nConnection: close\r\n"
        if form:
            head += f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(form)}\r\n"
        writer.write(head.encode() + b"\r\n" + form)
        await writer.drain()
        data = await reader.read()
    finally:
        writer.close()
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode(errors="replace").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return lines[0].split(" ", 2)[1], headers, body


async def comment(index, sequence):
    token = f"ferry-{index}-{sequence}-{random.randrange(1 << 30):x}"
    form = urllib.parse.urlencode({"comment_post_ID": POST_ID, "author": f"client {index}",
                                   "email": "probe@example.invalid", "comment": token}).encode()
    status, headers, _ = await http("POST", "/wp-comments-post.php", form)
    # WordPress acknowledges a stored comment with a redirect to it: ...#comment-ID
    found = re.search(r"#comment-(\d+)$", headers.get("location", ""))
    if status == "302" and found:
        acknowledged[int(found.group(1))] = token
        return "200", f"comment {found.group(1)}"
    return "comment:" + status, ""


async def request(index, sequence):
    if COMMENTS_EVERY and sequence % COMMENTS_EVERY == COMMENTS_EVERY - 1:
        return await comment(index, sequence)
    if HTTP:
        status, _, body = await http("GET", HTTP)
        return status, body.strip().decode(errors="replace")
    line = await exchange(SEND.replace(b"{n}", str(random.randrange(count)).encode()))
    if line.startswith(EXPECT):
        return "200", line.strip().decode(errors="replace")
    return "unexpected:" + line.strip().decode(errors="replace")[:24].replace(",", " "), ""


async def client(index):
    global failures, issued
    while not stopping():
        # Counted across clients: with 400 clients each sends only a few requests during a move.
        sequence, issued = issued, issued + 1
        start = time.time()
        try:
            status, body = await asyncio.wait_for(request(index, sequence), TIMEOUT)
        except Exception as e:
            status, body = "error:" + type(e).__name__, ""
        # One line per request: the start of the body, without the separator or line breaks (HTML has them).
        rows.append(f"{index},{start:.6f},{time.time():.6f},{status},{' '.join(body[:32].replace(',', ' ').split())}")
        failures += status != "200"


async def check_writes():
    """How many acknowledged comments the site no longer has (by id and text)."""
    status, _, body = await asyncio.wait_for(http("GET", COMMENTS_LIST), TIMEOUT)
    if status != "200":
        raise RuntimeError(f"GET {COMMENTS_LIST} answered {status}")
    stored = dict(line.split(" ", 1) for line in body.decode(errors="replace").splitlines() if " " in line)
    lost = [i for i, token in acknowledged.items() if token not in stored.get(str(i), "")]
    return {"acknowledged": len(acknowledged), "lost": len(lost), "lostIds": lost[:20]}


async def live():
    # What a watcher reads while the probe runs: requests ended so far, and how many failed.
    while not stopping():
        with open(CONFIG["live"] + ".tmp", "w") as out:
            out.write(f"{len(rows)} {failures}\n")
        os.rename(CONFIG["live"] + ".tmp", CONFIG["live"])
        await asyncio.sleep(0.5)


async def main():
    global count
    if COUNT:
        answer = await asyncio.wait_for(exchange(COUNT), TIMEOUT)
        count = max(1, int(answer.strip().lstrip(b":")))
    await asyncio.gather(live(), *(client(i) for i in range(CONFIG["clients"])))
    if COMMENTS_EVERY:
        try:
            writes = await check_writes()
        except Exception as e:
            writes = {"acknowledged": len(acknowledged), "error": f"{type(e).__name__}: {e}"}
        with open(CONFIG["writes"] + ".tmp", "w") as out:
            json.dump(writes, out)
        os.rename(CONFIG["writes"] + ".tmp", CONFIG["writes"])


asyncio.run(main())
with open(CONFIG["output"] + ".tmp", "w") as out:
    out.write("client,start,end,status,body\n")
    out.write("\n".join(rows) + "\n")
os.rename(CONFIG["output"] + ".tmp", CONFIG["output"])
