#!/usr/bin/env python3
"""A stand-in for the Hugging Face Hub on 127.0.0.1, for the fetch tests: the endpoints and headers `milr fetch` uses.

Serves model repositories from local folders (``--repo org/name=FOLDER``), each as one commit whose hash is derived
from the files, with:
  GET  /api/models/ORG/NAME/revision/REV[?blobs=true]   file list, commit, sizes, blob ids and LFS SHA-256
  HEAD /ORG/NAME/resolve/REV/FILE                       X-Repo-Commit, ETag or X-Linked-Etag, X-Linked-Size, and a
                                                        302 to /cdn-lfs/SHA256 for large (LFS) files
  GET  /ORG/NAME/resolve/REV/FILE                       the file (small) or the same redirect (large)
  GET  /cdn-lfs/SHA256                                  the large file, with Range requests (206, Content-Range)
Errors as the Hub gives them: 401 with X-Error-Code GatedRepo for --gated repos without the --token as a bearer
token, 404 with X-Error-Code RepoNotFound / RevisionNotFound / EntryNotFound.
Faults for the tests: --cut-after N closes the connection after N bytes of the first GET of each large file;
--corrupt FILE flips one byte of that file as served (its advertised SHA-256 stays the true one); --rate B sends
large files at about B bytes a second (so that a test can watch the progress and pause).
Every request is logged as one JSON line to --log (method, path, range, bytes sent, status).
Prints "PORT <n>" on stdout once it listens (port 0 = any free port). Binds 127.0.0.1 only.
"""
import argparse
import hashlib
import http.server
import json
import os
import re
import sys
import threading
import time
import urllib.parse

LFS_THRESHOLD = 10 * 1024  # files at least this large are served as LFS files, as the Hub does for weights


def git_blob_sha1(data):
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


class Repo:
    def __init__(self, repo_id, folder):
        self.repo_id = repo_id
        self.files = {}
        for root, _, names in os.walk(folder):
            for name in sorted(names):
                path = os.path.join(root, name)
                relative = os.path.relpath(path, folder).replace(os.sep, "/")
                with open(path, "rb") as handle:
                    self.files[relative] = handle.read()
        digest = hashlib.sha1()
        for name in sorted(self.files):
            digest.update(name.encode() + b"\0" + hashlib.sha256(self.files[name]).digest())
        self.commit = digest.hexdigest()

    def is_lfs(self, name):
        return len(self.files[name]) >= LFS_THRESHOLD

    def sibling(self, name):
        data = self.files[name]
        entry = {"rfilename": name, "size": len(data), "blobId": git_blob_sha1(data)}
        if self.is_lfs(name):
            pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:%s\nsize %d\n" % (
                hashlib.sha256(data).hexdigest(), len(data))
            entry["blobId"] = git_blob_sha1(pointer.encode())
            entry["lfs"] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data),
                            "pointerSize": len(pointer)}
        return entry


class State:
    def __init__(self, options):
        self.repos = {}
        for spec in options.repo:
            repo_id, folder = spec.split("=", 1)
            self.repos[repo_id] = Repo(repo_id, folder)
        self.gated = set(options.gated)
        self.token = options.token
        self.cut_after = options.cut_after
        self.corrupt = set(options.corrupt)
        self.rate = options.rate
        self.cut_done = set()
        self.lfs = {}  # sha256 -> (repo, name)
        for repo in self.repos.values():
            for name in repo.files:
                if repo.is_lfs(name):
                    self.lfs[hashlib.sha256(repo.files[name]).hexdigest()] = (repo, name)
        self.lock = threading.Lock()
        self.log = open(options.log, "a", buffering=1) if options.log else None

    def served_bytes(self, repo, name):
        data = repo.files[name]
        if name in self.corrupt:
            middle = len(data) // 2
            data = data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1:]
        return data


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "hub-test-server/1"

    def log_message(self, *args):
        pass

    def record(self, status, sent, **extra):
        state = self.server.state
        if state.log:
            entry = {"method": self.command, "path": self.path, "range": self.headers.get("Range"),
                     "status": status, "sent": sent, "authorization": bool(self.headers.get("Authorization"))}
            entry.update(extra)
            with state.lock:
                state.log.write(json.dumps(entry) + "\n")

    def send_error_code(self, status, code, message):
        body = json.dumps({"error": message}).encode()
        self.send_response(status)
        self.send_header("X-Error-Code", code)
        self.send_header("X-Error-Message", message)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        self.record(status, len(body), error=code)

    def find_repo(self, repo_id):
        state = self.server.state
        repo = state.repos.get(repo_id)
        if repo is None:
            self.send_error_code(404, "RepoNotFound", "Repository not found")
            return None
        if repo_id in state.gated and self.headers.get("Authorization") != "Bearer " + (state.token or ""):
            self.send_error_code(401, "GatedRepo", "Access to model %s is restricted." % repo_id)
            return None
        return repo

    def check_revision(self, repo, revision):
        if revision in ("main", repo.commit):
            return True
        self.send_error_code(404, "RevisionNotFound", "Invalid rev id: %s" % revision)
        return False

    def do_HEAD(self):
        self.handle_request()

    def do_GET(self):
        self.handle_request()

    def handle_request(self):
        url = urllib.parse.urlsplit(self.path)
        path = urllib.parse.unquote(url.path)
        match = re.fullmatch(r"/api/models/([^/]+/[^/]+)/revision/([^/]+)", path)
        if match:
            return self.model_info(match.group(1), match.group(2), "blobs=true" in url.query)
        match = re.fullmatch(r"/([^/]+/[^/]+)/resolve/([^/]+)/(.+)", path)
        if match:
            return self.resolve(match.group(1), match.group(2), match.group(3))
        match = re.fullmatch(r"/cdn-lfs/([0-9a-f]{64})", path)
        if match:
            return self.serve_lfs(match.group(1))
        self.send_error_code(404, "EntryNotFound", "no such endpoint")

    def model_info(self, repo_id, revision, blobs):
        repo = self.find_repo(repo_id)
        if repo is None or not self.check_revision(repo, revision):
            return
        siblings = [repo.sibling(name) if blobs else {"rfilename": name} for name in sorted(repo.files)]
        body = json.dumps({"id": repo_id, "modelId": repo_id, "sha": repo.commit, "siblings": siblings}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        self.record(200, len(body))

    def resolve(self, repo_id, revision, name):
        repo = self.find_repo(repo_id)
        if repo is None or not self.check_revision(repo, revision):
            return
        if name not in repo.files:
            return self.send_error_code(404, "EntryNotFound", "%s does not exist on %s" % (name, revision))
        data = repo.files[name]
        if repo.is_lfs(name):
            sha256 = hashlib.sha256(data).hexdigest()
            self.send_response(302)
            self.send_header("X-Repo-Commit", repo.commit)
            self.send_header("X-Linked-Etag", '"%s"' % sha256)
            self.send_header("X-Linked-Size", str(len(data)))
            self.send_header("ETag", '"%s"' % repo.sibling(name)["blobId"])
            self.send_header("Location", "/cdn-lfs/%s" % sha256)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return self.record(302, 0)
        body = self.server.state.served_bytes(repo, name)
        self.send_response(200)
        self.send_header("X-Repo-Commit", repo.commit)
        self.send_header("ETag", '"%s"' % git_blob_sha1(data))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        self.record(200, 0 if self.command == "HEAD" else len(body))

    def serve_lfs(self, sha256):
        state = self.server.state
        if sha256 not in state.lfs:
            return self.send_error_code(404, "EntryNotFound", "no such object")
        repo, name = state.lfs[sha256]
        data = state.served_bytes(repo, name)
        start = 0
        status = 200
        requested = self.headers.get("Range")
        if requested:
            match = re.fullmatch(r"bytes=(\d+)-", requested.strip())
            if not match or int(match.group(1)) >= len(data):
                self.send_response(416)
                self.send_header("Content-Range", "bytes */%d" % len(data))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return self.record(416, 0)
            start = int(match.group(1))
            status = 206
        body = data[start:]
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("ETag", '"%s"' % sha256)
        if status == 206:
            self.send_header("Content-Range", "bytes %d-%d/%d" % (start, len(data) - 1, len(data)))
        self.end_headers()
        if self.command == "HEAD":
            return self.record(status, 0)
        cut = False
        with state.lock:
            if state.cut_after is not None and sha256 not in state.cut_done:
                state.cut_done.add(sha256)
                cut = True
        if cut:
            sent = min(state.cut_after, len(body))
            self.wfile.write(body[:sent])
            self.wfile.flush()
            self.record(status, sent, cut=True)
            self.close_connection = True
            self.connection.shutdown(2)
            return
        if state.rate:
            sent = 0
            chunk = max(1, state.rate // 20)
            try:
                while sent < len(body):
                    self.wfile.write(body[sent:sent + chunk])
                    sent += len(body[sent:sent + chunk])
                    time.sleep(0.05)
            except (BrokenPipeError, ConnectionResetError):
                self.record(status, sent, aborted=True)
                return
            return self.record(status, sent)
        self.wfile.write(body)
        self.record(status, len(body))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", action="append", default=[], help="org/name=FOLDER (repeatable)")
    parser.add_argument("--gated", action="append", default=[], help="org/name that needs --token")
    parser.add_argument("--token", help="the bearer token gated repos accept")
    parser.add_argument("--cut-after", type=int, help="cut the first GET of each large file after N bytes")
    parser.add_argument("--corrupt", action="append", default=[], help="a file name served with one byte flipped")
    parser.add_argument("--rate", type=int, help="send large files at about this many bytes a second")
    parser.add_argument("--log", help="append one JSON line per request to this file")
    parser.add_argument("--port", type=int, default=0)
    options = parser.parse_args()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", options.port), Handler)
    server.daemon_threads = True
    server.state = State(options)
    print("PORT %d" % server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
