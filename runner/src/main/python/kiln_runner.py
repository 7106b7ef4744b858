#!/usr/bin/env python3
"""Kiln runner: the agent inside every Kiln workload (local process, Docker container, pod).

It reads its plan from the environment (KILN_PLAN and the other KILN_* variables), downloads the
code snapshot and the inputs, runs the job's command in one or more processes with the
distribution's variables, streams their output and system metrics to run-service, uploads the
outputs and reports its phases and the exit code to compute-service through heartbeats.

Standard library only, Python 3.9+: training images are arbitrary Python environments, and the
same file runs unchanged on every backend.
"""

import codecs
import concurrent.futures
import json
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import http.client
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Tuple

USER_AGENT = "kiln-runner/1"
RETRY_SECONDS = 60.0
PHASE_RETRY_SECONDS = 10.0
REQUEST_TIMEOUT_SECONDS = 60.0
KILL_GRACE_SECONDS = 10.0
COPY_CHUNK = 1024 * 1024
DOWNLOAD_THREADS = 4
# run-service refuses lines over 64 KiB and request bodies over 1 MB: read output in chunks that
# stay well under the first even after decoding, and cut batches well under the second.
READ_CHUNK = 16 * 1024
MAX_LINE_BYTES = 60 * 1024
MAX_BATCH_LINES = 5000
MAX_BATCH_BYTES = 512 * 1024
LOG_LINGER_SECONDS = 0.2
PROCESS_TYPES = ("pytorch", "mpi", "tensorflow", "none")
INPUT_TYPES = ("uri_file", "uri_folder")
EXIT_TERMINATED = 143


class PlanError(ValueError):
    """The plan or the KILN_* environment is missing or malformed."""


class InfrastructureError(Exception):
    """A failure of the runner itself (not of the job's command)."""


class UnsafePathError(InfrastructureError):
    """A file list names a path outside its folder, or not the one file asked for."""


class HttpError(InfrastructureError):
    """A call that failed for good: a 4xx other than 429, or a transient error past its retries."""

    def __init__(self, method: str, url: str, status: Optional[int], detail: str):
        where = "{} {}".format(method, redact(url))
        super().__init__(
            "{} answered {}: {}".format(where, status, detail)
            if status
            else "{} failed: {}".format(where, detail)
        )
        self.status = status


class InputError(Exception):
    """An input that cannot be fetched for a reason another attempt would not change: a missing
    file, a datastore that refuses or does not exist, an unsafe path. The job fails at once."""


# Answers about the input itself; any other failure (401/403/429/5xx, a lost connection) is ours.
INPUT_ERROR_STATUSES = (400, 404, 409, 410)


class Terminated(BaseException):
    """SIGTERM arrived before the command started: stop preparing at once."""


def redact(url: str) -> str:
    """The URL without its query, which for a presigned URL holds a signature."""
    return url.split("?", 1)[0]


# ---------------------------------------------------------------------------------------------
# The plan
# ---------------------------------------------------------------------------------------------


@dataclass
class InputSpec:
    """A file or folder to download before the command runs.

    url: an https:// file, fetched as it is; files_url: the API URL that answers a signed URL per
    file of a datastore file or folder (prefix: the folder's path, which the files' paths start with).
    """

    name: str
    type: str
    target: str
    url: Optional[str] = None
    files_url: Optional[str] = None
    prefix: str = ""


@dataclass
class OutputSpec:
    """A named output: what is at source is uploaded to named-outputs/<name>/."""

    name: str
    type: str
    source: str


@dataclass
class Processes:
    """How many processes this instance runs and where they sit in the whole job."""

    type: str = "none"
    per_instance: int = 1
    world_size: int = 1
    rank_offset: int = 0
    master_addr: str = "127.0.0.1"
    master_port: int = 29500


@dataclass
class Plan:
    """KILN_PLAN, parsed: what this attempt does."""

    command: str
    snapshot_id: Optional[str]
    code_dir: str
    inputs: List[InputSpec] = field(default_factory=list)
    outputs: List[OutputSpec] = field(default_factory=list)
    processes: Processes = field(default_factory=Processes)
    heartbeat_seconds: float = 10.0
    metrics_seconds: float = 5.0


@dataclass
class Settings:
    """The other KILN_* variables: where to report and as whom."""

    api_url: str
    workspace: str
    run_id: str
    token: str
    attempt: int
    work_dir: str


def _require(obj: dict, key: str, kind, where: str, optional: bool = False):
    value = obj.get(key)
    if value is None:
        if optional:
            return None
        raise PlanError("{}: '{}' is missing".format(where, key))
    # bool is an int in Python: a number field must not accept true/false.
    if kind in (int, float) and isinstance(value, bool):
        raise PlanError("{}: '{}' must be a number".format(where, key))
    if kind is float and isinstance(value, int):
        value = float(value)
    if not isinstance(value, kind):
        raise PlanError("{}: '{}' has the wrong type".format(where, key))
    if kind is str and not value:
        raise PlanError("{}: '{}' is empty".format(where, key))
    return value


def _absolute(path: str, where: str, key: str) -> str:
    if not os.path.isabs(path):
        raise PlanError("{}: '{}' must be an absolute path".format(where, key))
    return path


def _parse_input(raw, index: int) -> InputSpec:
    where = "inputs[{}]".format(index)
    if not isinstance(raw, dict):
        raise PlanError("{} must be an object".format(where))
    kind = _require(raw, "type", str, where)
    if kind not in INPUT_TYPES:
        raise PlanError("{}: type '{}' is not one of {}".format(where, kind, ", ".join(INPUT_TYPES)))
    spec = InputSpec(
        name=_require(raw, "name", str, where),
        type=kind,
        target=_absolute(_require(raw, "target", str, where), where, "target"),
        url=_require(raw, "url", str, where, optional=True),
        files_url=_require(raw, "filesUrl", str, where, optional=True),
    )
    if (spec.url is None) == (spec.files_url is None):
        raise PlanError("{}: needs exactly one of 'url' and 'filesUrl'".format(where))
    if spec.url is not None and kind != "uri_file":
        raise PlanError("{}: a 'url' input is a uri_file".format(where))
    if kind == "uri_folder":
        spec.prefix = _require(raw, "prefix", str, where, optional=True) or ""
    return spec


def _parse_output(raw, index: int) -> OutputSpec:
    where = "outputs[{}]".format(index)
    if not isinstance(raw, dict):
        raise PlanError("{} must be an object".format(where))
    kind = _require(raw, "type", str, where)
    if kind not in INPUT_TYPES:
        raise PlanError("{}: type '{}' is not one of {}".format(where, kind, ", ".join(INPUT_TYPES)))
    name = _require(raw, "name", str, where)
    if "/" in name or name in (".", ".."):
        raise PlanError("{}: name '{}' is not a plain name".format(where, name))
    source = _absolute(_require(raw, "source", str, where), where, "source")
    return OutputSpec(name=name, type=kind, source=source)


def _parse_processes(raw) -> Processes:
    if raw is None:
        return Processes()
    if not isinstance(raw, dict):
        raise PlanError("processes must be an object")
    where = "processes"
    defaults = Processes()
    kind = _require(raw, "type", str, where, optional=True) or defaults.type
    if kind not in PROCESS_TYPES:
        raise PlanError("processes: type '{}' is not one of {}".format(kind, ", ".join(PROCESS_TYPES)))
    result = Processes(
        type=kind,
        per_instance=_or(_require(raw, "perInstance", int, where, True), defaults.per_instance),
        world_size=_or(_require(raw, "worldSize", int, where, True), defaults.world_size),
        rank_offset=_or(_require(raw, "rankOffset", int, where, True), defaults.rank_offset),
        master_addr=_or(_require(raw, "masterAddr", str, where, True), defaults.master_addr),
        master_port=_or(_require(raw, "masterPort", int, where, True), defaults.master_port),
    )
    if result.per_instance < 1:
        raise PlanError("processes: perInstance must be at least 1")
    if result.rank_offset < 0:
        raise PlanError("processes: rankOffset must not be negative")
    if result.rank_offset + result.per_instance > result.world_size:
        raise PlanError("processes: rankOffset + perInstance exceeds worldSize")
    if not 0 < result.master_port < 65536:
        raise PlanError("processes: masterPort must be a TCP port")
    return result


def _or(value, default):
    return default if value is None else value


def parse_plan(text: Optional[str]) -> Plan:
    """Parses and checks KILN_PLAN; every problem is a PlanError naming the faulty field."""
    if not text:
        raise PlanError("KILN_PLAN is not set")
    try:
        raw = json.loads(text)
    except ValueError as e:
        raise PlanError("KILN_PLAN is not JSON: {}".format(e))
    if not isinstance(raw, dict):
        raise PlanError("KILN_PLAN must be a JSON object")
    where = "plan"
    inputs = _require(raw, "inputs", list, where, optional=True) or []
    outputs = _require(raw, "outputs", list, where, optional=True) or []
    plan = Plan(
        command=_require(raw, "command", str, where),
        snapshot_id=_require(raw, "snapshotId", str, where, optional=True),
        code_dir=_absolute(_require(raw, "codeDir", str, where), where, "codeDir"),
        inputs=[_parse_input(item, i) for i, item in enumerate(inputs)],
        outputs=[_parse_output(item, i) for i, item in enumerate(outputs)],
        processes=_parse_processes(raw.get("processes")),
        heartbeat_seconds=_or(_require(raw, "heartbeatSeconds", float, where, True), 10.0),
        metrics_seconds=_or(_require(raw, "metricsSeconds", float, where, True), 5.0),
    )
    if plan.snapshot_id is not None and not re.fullmatch(r"[A-Za-z0-9._-]+", plan.snapshot_id):
        raise PlanError("plan: snapshotId '{}' is not an id".format(plan.snapshot_id))
    if plan.heartbeat_seconds <= 0 or plan.metrics_seconds <= 0:
        raise PlanError("plan: heartbeatSeconds and metricsSeconds must be positive")
    return plan


def parse_settings(environ) -> Settings:
    """The KILN_* variables other than the plan."""
    missing = [
        name
        for name in ("KILN_API_URL", "KILN_WORKSPACE", "KILN_RUN_ID", "KILN_RUN_TOKEN")
        if not environ.get(name)
    ]
    if missing:
        raise PlanError("not set: {}".format(", ".join(missing)))
    try:
        attempt = int(environ.get("KILN_ATTEMPT") or "1")
    except ValueError:
        raise PlanError("KILN_ATTEMPT is not a number")
    return Settings(
        api_url=environ["KILN_API_URL"].rstrip("/"),
        workspace=environ["KILN_WORKSPACE"],
        run_id=environ["KILN_RUN_ID"],
        token=environ["KILN_RUN_TOKEN"],
        attempt=attempt,
        work_dir=environ.get("KILN_WORK_DIR") or os.getcwd(),
    )


# ---------------------------------------------------------------------------------------------
# HTTP
# ---------------------------------------------------------------------------------------------


def origin(url: str) -> Tuple[str, str, Optional[int]]:
    """(scheme, host, port) of a URL, the port made explicit."""
    parts = urllib.parse.urlsplit(url)
    default = {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, (parts.hostname or "").lower(), parts.port or default


class _RedirectWithoutToken(urllib.request.HTTPRedirectHandler):
    """Follows redirects, but never carries the run token to another origin (say, a bucket)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and origin(newurl) != origin(req.full_url):
            new.headers.pop("Authorization", None)
            new.unredirected_hdrs.pop("Authorization", None)
        return new


def _is_transient(error: BaseException) -> bool:
    if isinstance(error, urllib.error.HTTPError):
        return error.code == 429 or error.code >= 500
    return isinstance(
        error, (urllib.error.URLError, ConnectionError, socket.timeout, http.client.HTTPException)
    )


def _problem_detail(error: urllib.error.HTTPError) -> str:
    try:
        body = error.read(4096).decode("utf-8", "replace")
    except (OSError, http.client.HTTPException):
        return error.reason or ""
    try:
        problem = json.loads(body)
    except ValueError:
        problem = None
    if isinstance(problem, dict) and (problem.get("detail") or problem.get("title")):
        text = problem.get("detail") or problem.get("title")
        return "{} ({})".format(text, problem["code"]) if problem.get("code") else text
    return body.strip()[:500] or str(error.reason)


class Api:
    """HTTP calls with the run token, retried with backoff on connection errors, 429 and 5xx."""

    def __init__(
        self,
        base_url: str,
        token: str,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self._sleep = sleep
        self._clock = clock
        self._opener = urllib.request.build_opener(_RedirectWithoutToken())

    def url(self, path: str) -> str:
        """The gateway URL of an absolute API path."""
        return self.base_url + path

    def _request(self, method, url, body, headers, auth) -> urllib.request.Request:
        if auth and origin(url) != origin(self.base_url):
            # The token is good for the whole workspace: only the gateway may see it.
            raise InfrastructureError(
                "refusing to send the run token to {}".format(redact(url))
            )
        request = urllib.request.Request(url, data=body, method=method)
        request.add_header("User-Agent", USER_AGENT)
        for name, value in headers.items():
            request.add_header(name, value)
        if auth:
            request.add_header("Authorization", "Bearer " + self.token)
        return request

    def _with_retries(self, method, url, attempt_once, retry_seconds):
        deadline = self._clock() + retry_seconds
        delay = 0.5
        while True:
            try:
                return attempt_once()
            except InfrastructureError:
                raise
            except Exception as error:  # noqa: BLE001 - classified right below
                if not _is_transient(error):
                    if isinstance(error, urllib.error.HTTPError):
                        raise HttpError(method, url, error.code, _problem_detail(error))
                    raise HttpError(method, url, None, str(error))
                status = error.code if isinstance(error, urllib.error.HTTPError) else None
                wait = delay
                if status == 429:
                    retry_after = error.headers.get("Retry-After", "")
                    if retry_after.isdigit():
                        wait = max(wait, float(retry_after))
                if self._clock() + wait > deadline:
                    detail = _problem_detail(error) if status else str(error)
                    raise HttpError(method, url, status, detail)
                self._sleep(wait)
                delay = min(delay * 2, 8.0)

    def call(
        self,
        method: str,
        url: str,
        json_body=None,
        auth: bool = True,
        retry_seconds: float = RETRY_SECONDS,
    ):
        """Sends a JSON body (or none); answers the parsed JSON answer, or None when empty."""
        data = None
        headers = {"Accept": "application/json"}
        if json_body is not None:
            data = json.dumps(json_body, ensure_ascii=False).encode("utf-8")
            headers["Content-Type"] = "application/json"

        def once():
            request = self._request(method, url, data, headers, auth)
            with self._opener.open(request, timeout=REQUEST_TIMEOUT_SECONDS) as response:
                payload = response.read()
            return json.loads(payload.decode("utf-8")) if payload.strip() else None

        return self._with_retries(method, url, once, retry_seconds)

    def upload(self, url: str, path: str, retry_seconds: float = RETRY_SECONDS) -> None:
        """PUTs the file as the body, streamed from disk (reopened on each retry)."""

        def once():
            with open(path, "rb") as body:
                size = os.fstat(body.fileno()).st_size
                headers = {
                    "Content-Type": "application/octet-stream",
                    "Content-Length": str(size),
                }
                request = self._request("PUT", url, body, headers, True)
                with self._opener.open(request, timeout=REQUEST_TIMEOUT_SECONDS) as response:
                    response.read()

        self._with_retries("PUT", url, once, retry_seconds)

    def download(self, url: str, target: str, auth: bool) -> None:
        """GETs the URL into the file, through a temporary file so a retry starts clean."""
        folder = os.path.dirname(target) or "."
        os.makedirs(folder, exist_ok=True)

        def once():
            request = self._request("GET", url, None, {}, auth)
            handle, partial = tempfile.mkstemp(prefix=".kiln-", dir=folder)
            try:
                with os.fdopen(handle, "wb") as out:
                    with self._opener.open(request, timeout=REQUEST_TIMEOUT_SECONDS) as response:
                        shutil.copyfileobj(response, out, COPY_CHUNK)
                os.replace(partial, target)
            finally:
                if os.path.exists(partial):
                    os.unlink(partial)

        self._with_retries("GET", url, once, RETRY_SECONDS)


# ---------------------------------------------------------------------------------------------
# Code and inputs
# ---------------------------------------------------------------------------------------------


def confined_relative(path: str) -> Optional[str]:
    """A listed file's path made safe to join below a folder, or None when it cannot be."""
    parts = [p for p in path.replace("\\", "/").split("/") if p not in ("", ".")]
    if not parts or any(p == ".." or "\x00" in p for p in parts) or re.match(r"^[A-Za-z]:", parts[0]):
        return None
    return "/".join(parts)


def signed_files(answer, prefix: str = "") -> List[Tuple[str, str]]:
    """(url, path relative to prefix) of each file of a download-urls answer.

    Every path must lie under prefix and stay inside the folder it is written to; one that does
    not refuses the whole answer before anything is written.
    """
    if not isinstance(answer, dict) or not isinstance(answer.get("files"), list):
        raise InfrastructureError("the download-urls answer has no 'files'")
    folder = prefix if not prefix or prefix.endswith("/") else prefix + "/"
    files = []
    for item in answer["files"]:
        path = item.get("path") if isinstance(item, dict) else None
        url = item.get("url") if isinstance(item, dict) else None
        if not isinstance(path, str) or not isinstance(url, str) or not url:
            raise InfrastructureError("the download-urls answer holds a file without path or url")
        relative = confined_relative(path[len(folder):]) if path.startswith(folder) else None
        if relative is None:
            raise UnsafePathError("refusing the unsafe path '{}'".format(path))
        files.append((url, relative))
    return files


def download_all(api: Api, files: List[Tuple[str, str]], dest: str) -> None:
    """Fetches each (url, relative path) below dest, a few at a time.

    A URL that is an API path (/api/...) goes through the gateway with the run token; any other is
    signed by the store and fetched without it.
    """
    os.makedirs(dest, exist_ok=True)

    def fetch(item: Tuple[str, str]) -> None:
        url, relative = item
        gateway = url.startswith("/")
        api.download(api.url(url) if gateway else url, os.path.join(dest, *relative.split("/")), gateway)

    with concurrent.futures.ThreadPoolExecutor(max_workers=DOWNLOAD_THREADS) as pool:
        # map cancels the files not started yet when one fails: nothing is fetched for nothing.
        for _ in pool.map(fetch, files):
            pass


def download_input(api: Api, spec: InputSpec, log: Callable[[str], None]) -> None:
    """Downloads a file input to its target, or every file of a folder input below it.

    Raises InputError when the input itself is at fault (see INPUT_ERROR_STATUSES).
    """
    try:
        _download_input(api, spec, log)
    except HttpError as error:
        if error.status in INPUT_ERROR_STATUSES:
            raise InputError("input '{}': {}".format(spec.name, error)) from error
        raise
    except UnsafePathError as error:
        raise InputError("input '{}': {}".format(spec.name, error)) from error


def _download_input(api: Api, spec: InputSpec, log: Callable[[str], None]) -> None:
    if spec.url is not None:
        api.download(spec.url, spec.target, False)
        log("Downloaded input '{}' to {}".format(spec.name, spec.target))
        return
    answer = api.call("GET", spec.files_url)
    if spec.type == "uri_file":
        files = signed_files(answer)
        if len(files) != 1:
            raise UnsafePathError("names {} files, not one".format(len(files)))
        url = files[0][0]
        gateway = url.startswith("/")
        api.download(api.url(url) if gateway else url, spec.target, gateway)
        log("Downloaded input '{}' to {}".format(spec.name, spec.target))
        return
    files = signed_files(answer, spec.prefix)
    download_all(api, files, spec.target)
    log("Downloaded input '{}' ({} files) to {}".format(spec.name, len(files), spec.target))


# ---------------------------------------------------------------------------------------------
# Processes
# ---------------------------------------------------------------------------------------------


def distribution_env(processes: Processes, local_rank: int) -> Dict[str, str]:
    """The variables one process of the job gets for its distribution type."""
    rank = processes.rank_offset + local_rank
    if processes.type == "none":
        return {}
    if processes.type == "tensorflow":
        workers = [
            "{}:{}".format(processes.master_addr, processes.master_port + i)
            for i in range(processes.world_size)
        ]
        config = {"cluster": {"worker": workers}, "task": {"type": "worker", "index": rank}}
        return {"TF_CONFIG": json.dumps(config)}
    env = {
        "WORLD_SIZE": str(processes.world_size),
        "RANK": str(rank),
        "LOCAL_RANK": str(local_rank),
        "NODE_RANK": str(processes.rank_offset // processes.per_instance),
        "MASTER_ADDR": processes.master_addr,
        "MASTER_PORT": str(processes.master_port),
    }
    if processes.type == "mpi":
        env["OMPI_COMM_WORLD_SIZE"] = str(processes.world_size)
        env["OMPI_COMM_WORLD_RANK"] = str(rank)
        env["OMPI_COMM_WORLD_LOCAL_RANK"] = str(local_rank)
    return env


def exit_status(returncode: int) -> int:
    """A shell-style exit status: killed by signal N is 128 + N."""
    return 128 - returncode if returncode < 0 else returncode


def first_failure(returncodes: List[int]) -> int:
    """The exit status of the first process (in rank order) that did not exit 0, else 0."""
    for code in returncodes:
        if code != 0:
            return exit_status(code)
    return 0


class ProcessGroup:
    """The command's processes, each in its own session so its whole tree can be signalled."""

    def __init__(self, command: str, cwd: str, processes: Processes, environ, on_line):
        self.command = command
        self.cwd = cwd
        self.processes = processes
        self.environ = environ
        self.on_line = on_line
        self.started_at = time.monotonic()
        self.children: List[subprocess.Popen] = []
        self.readers: List[threading.Thread] = []

    def start(self, should_stop: Callable[[], bool]) -> "ProcessGroup":
        """Spawns the processes, unless should_stop turns true (SIGTERM) in the meantime."""
        self.started_at = time.monotonic()
        for local_rank in range(self.processes.per_instance):
            if should_stop():
                break
            env = dict(self.environ)
            env.update(distribution_env(self.processes, local_rank))
            child = subprocess.Popen(
                ["/bin/sh", "-c", self.command],
                cwd=self.cwd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=True,
            )
            self.children.append(child)
            rank = self.processes.rank_offset + local_rank
            prefix = "[rank {}] ".format(rank) if rank > 0 else ""
            for stream, pipe in (("stdout", child.stdout), ("stderr", child.stderr)):
                reader = threading.Thread(
                    target=read_lines,
                    args=(pipe, stream, prefix, self.on_line),
                    name="kiln-{}-{}".format(stream, rank),
                    daemon=True,
                )
                reader.start()
                self.readers.append(reader)
        return self

    @property
    def pids(self) -> List[int]:
        """The process ids of the shells, each the leader of its session."""
        return [child.pid for child in self.children]

    def signal(self, signum: int) -> None:
        """Sends the signal to the whole process group of every process still running."""
        for child in self.children:
            if child.poll() is None:
                try:
                    os.killpg(child.pid, signum)
                except ProcessLookupError:
                    pass

    def stop(self) -> None:
        """SIGTERM to every process tree, SIGKILL to what is left after the grace period."""
        self.signal(signal.SIGTERM)
        deadline = time.monotonic() + KILL_GRACE_SECONDS
        for child in self.children:
            try:
                child.wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
        self.signal(signal.SIGKILL)

    def wait(self, should_stop: Callable[[], bool]) -> int:
        """Waits for every process; answers the first non-zero exit status (0 when all passed).

        When one process fails the others are stopped, as a distributed job cannot finish without
        it; should_stop (a cancel or SIGTERM) stops them all.
        """
        stopping = False
        while any(child.poll() is None for child in self.children):
            failed = any(child.returncode not in (None, 0) for child in self.children)
            if not stopping and (failed or should_stop()):
                stopping = True
                threading.Thread(target=self.stop, name="kiln-stop", daemon=True).start()
            time.sleep(0.2)
        # Whatever the command left running in the background would hold its pipes open.
        for child in self.children:
            try:
                os.killpg(child.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        for reader in self.readers:
            reader.join()
        return first_failure([child.returncode for child in self.children])


def read_lines(pipe, stream: str, prefix: str, on_line: Callable[[str, str], None]) -> None:
    """Reads a pipe in bounded chunks, decoding UTF-8 across chunk boundaries, line by line."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    pending = ""
    with pipe:
        while True:
            chunk = pipe.readline(READ_CHUNK)
            if not chunk:
                break
            text = pending + decoder.decode(chunk)
            if text.endswith("\n") or len(chunk) >= READ_CHUNK:
                on_line(stream, prefix + text.rstrip("\n").rstrip("\r"))
                pending = ""
            else:
                pending = text
        rest = pending + decoder.decode(b"", final=True)
        if rest:
            on_line(stream, prefix + rest.rstrip("\r"))


# ---------------------------------------------------------------------------------------------
# Logs
# ---------------------------------------------------------------------------------------------


def sanitize_line(line: str) -> str:
    """A line run-service accepts: no NUL, at most MAX_LINE_BYTES of UTF-8."""
    line = line.replace("\x00", "\ufffd")
    encoded = line.encode("utf-8", "replace")
    if len(encoded) > MAX_LINE_BYTES:
        line = encoded[:MAX_LINE_BYTES].decode("utf-8", "ignore")
    return line


def batch_lines(
    entries: List[Tuple[str, str]],
    max_lines: int = MAX_BATCH_LINES,
    max_bytes: int = MAX_BATCH_BYTES,
) -> List[Tuple[str, List[str]]]:
    """Groups (stream, line) entries into (stream, lines) batches in the original order.

    A batch holds consecutive lines of one stream, at most max_lines of them and about max_bytes
    of JSON, so that posting the batches one after another keeps the order of the output.
    """
    batches: List[Tuple[str, List[str]]] = []
    size = 0
    for stream, line in entries:
        cost = len(json.dumps(line, ensure_ascii=False).encode("utf-8")) + 1
        current = batches[-1] if batches else None
        if (
            current is None
            or current[0] != stream
            or len(current[1]) >= max_lines
            or size + cost > max_bytes
        ):
            batches.append((stream, []))
            size = 0
        batches[-1][1].append(line)
        size += cost
    return batches


class LogShipper:
    """Collects lines from every reader and posts them from one thread, in order."""

    _CLOSE = object()

    def __init__(self, post: Callable[[str, List[str]], None], echo: Callable[[str, str], None]):
        self._post = post
        self._echo = echo
        self._queue: "queue.Queue" = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="kiln-logs", daemon=True)
        self._failed = False

    def start(self) -> "LogShipper":
        """Starts the sender thread."""
        self._thread.start()
        return self

    def add(self, stream: str, line: str) -> None:
        """Echoes the line to stdout and queues it for run-service; safe from any thread."""
        line = sanitize_line(line)
        self._echo(stream, line)
        self._queue.put((stream, line))

    def close(self, timeout: Optional[float] = None) -> None:
        """Sends what is queued, then stops; waits at most timeout seconds."""
        self._queue.put(self._CLOSE)
        self._thread.join(timeout)

    def _run(self) -> None:
        closing = False
        while not closing:
            first = self._queue.get()
            if first is self._CLOSE:
                return
            # Linger a moment so that a burst of output goes out as one request.
            time.sleep(LOG_LINGER_SECONDS)
            entries = [first]
            while True:
                try:
                    entry = self._queue.get_nowait()
                except queue.Empty:
                    break
                if entry is self._CLOSE:
                    closing = True
                    break
                entries.append(entry)
            for stream, lines in batch_lines(entries):
                try:
                    self._post(stream, lines)
                except InfrastructureError as error:
                    # Dropped after its retries: later lines still go out, after it in order.
                    if not self._failed:
                        self._failed = True
                        self._echo("system", "Could not ship log lines: {}".format(error))


# ---------------------------------------------------------------------------------------------
# Metrics
# ---------------------------------------------------------------------------------------------


def read_proc_stat(pid: int, proc: str = "/proc") -> Optional[Tuple[int, int, int, int]]:
    """(ppid, session, utime+stime in ticks, rss in pages) of a process, or None when gone."""
    try:
        with open(os.path.join(proc, str(pid), "stat"), "rb") as f:
            text = f.read().decode("ascii", "replace")
    except OSError:
        return None
    # The command name is in parentheses and may itself hold spaces and parentheses.
    fields = text[text.rfind(")") + 2:].split()
    try:
        return int(fields[1]), int(fields[3]), int(fields[11]) + int(fields[12]), int(fields[21])
    except (IndexError, ValueError):
        return None


def process_tree(roots: List[int], proc: str = "/proc") -> Dict[int, Tuple[int, int]]:
    """{pid: (cpu ticks, rss pages)} of the roots, their sessions and all their descendants."""
    table = {}
    for name in os.listdir(proc):
        if name.isdigit():
            entry = read_proc_stat(int(name), proc)
            if entry is not None:
                table[int(name)] = entry
    members = {pid for pid, entry in table.items() if pid in roots or entry[1] in roots}
    grew = True
    while grew:
        children = {pid for pid, entry in table.items() if entry[0] in members} - members
        members |= children
        grew = bool(children)
    return {pid: (table[pid][2], table[pid][3]) for pid in members}


class CpuMeter:
    """CPU % of a process tree between two samples: the sum of each process's tick deltas."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self._clock = clock
        self._ticks: Dict[int, int] = {}
        self._at: Optional[float] = None
        self._hz = os.sysconf("SC_CLK_TCK")
        self._page = os.sysconf("SC_PAGE_SIZE")

    def sample(self, roots: List[int], proc: str = "/proc") -> Tuple[Optional[float], float]:
        """(CPU %, or None on the first sample; resident megabytes) of the roots' tree."""
        tree = process_tree(roots, proc)
        now = self._clock()
        used = sum(ticks - self._ticks.get(pid, 0) for pid, (ticks, _) in tree.items())
        cpu = None
        if self._at is not None and now > self._at:
            cpu = max(0.0, used / self._hz / (now - self._at) * 100.0)
        self._ticks = {pid: ticks for pid, (ticks, _) in tree.items()}
        self._at = now
        rss = sum(pages for _, pages in tree.values()) * self._page / (1024.0 * 1024.0)
        return cpu, rss


def gpu_utilization() -> Optional[float]:
    """The mean GPU utilisation reported by nvidia-smi, or None without a (working) one."""
    if shutil.which("nvidia-smi") is None:
        return None
    try:
        out = subprocess.run(
            ["nvidia-smi", "--query-gpu=utilization.gpu", "--format=csv,noheader,nounits"],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            timeout=10,
            check=True,
        ).stdout.decode("ascii", "replace")
        values = [float(v) for v in out.split() if v.strip()]
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    return sum(values) / len(values) if values else None


def metric(key: str, value: float, step: int) -> dict:
    """One metric point as run-service's batch takes it, stamped now (epoch milliseconds)."""
    return {"key": key, "value": value, "step": step, "timestamp": int(time.time() * 1000)}


# ---------------------------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------------------------


def walk_files(folder: str) -> List[Tuple[str, str]]:
    """(path, '/'-separated relative path) of the regular files below folder, symlinks skipped."""
    found = []
    for top, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not os.path.islink(os.path.join(top, d)))
        for name in sorted(files):
            path = os.path.join(top, name)
            if os.path.islink(path) or not os.path.isfile(path):
                continue
            found.append((path, os.path.relpath(path, folder).replace(os.sep, "/")))
    return found


class Runner:
    """One attempt of a job on one instance: prepare, run, finalise, report."""

    def __init__(self, settings: Settings, plan: Plan, api: Api, environ):
        self.settings = settings
        self.plan = plan
        self.api = api
        self.environ = dict(environ)
        self.phase = "preparing"
        self.cancel = threading.Event()
        self.terminated = threading.Event()
        self.stopped = threading.Event()
        self.group: Optional[ProcessGroup] = None
        self._echo_lock = threading.Lock()
        self._heartbeat_failed = False
        self._metrics_failed = False
        self.logs = LogShipper(self._post_logs, self._echo)

    # -- reporting ---------------------------------------------------------------------------

    def _job_url(self, suffix: str) -> str:
        return self.api.url(
            "/api/v1/workspaces/{}/jobs/{}{}".format(
                urllib.parse.quote(self.settings.workspace, safe=""),
                urllib.parse.quote(self.settings.run_id, safe=""),
                suffix,
            )
        )

    def _echo(self, stream: str, line: str) -> None:
        with self._echo_lock:
            try:
                sys.stdout.write(("[kiln] " if stream == "system" else "") + line + "\n")
                sys.stdout.flush()
            except (OSError, ValueError):
                # A closed stdout must not stop the readers, or the command would block on a pipe.
                pass

    def system(self, message: str) -> None:
        """A message of the runner itself, on the 'system' stream."""
        self.logs.add("system", message)

    def _post_logs(self, stream: str, lines: List[str]) -> None:
        self.api.call("POST", self._job_url("/logs"), {"stream": stream, "lines": lines})

    def heartbeat(self, phase: str, retry_seconds: float = 0.0, **extra) -> None:
        """Reports the phase; a failure is logged once and never fails the job."""
        body = {"attempt": self.settings.attempt, "phase": phase}
        body.update(extra)
        try:
            answer = self.api.call(
                "POST", self._job_url("/execution/heartbeat"), body, retry_seconds=retry_seconds
            )
        except InfrastructureError as error:
            if not self._heartbeat_failed:
                self._heartbeat_failed = True
                self.system("Heartbeat failed (the job carries on): {}".format(error))
            return
        if isinstance(answer, dict) and answer.get("cancel") is True and not self.cancel.is_set():
            self.cancel.set()
            self.system("Cancel requested: stopping the job.")

    def enter(self, phase: str) -> None:
        """Moves to the next phase and reports it at once."""
        self.phase = phase
        self.heartbeat(phase, PHASE_RETRY_SECONDS)

    def _beat(self) -> None:
        while not self.stopped.wait(self.plan.heartbeat_seconds):
            self.heartbeat(self.phase)

    def _post_metrics(self, points: List[dict]) -> None:
        try:
            self.api.call("POST", self._job_url("/batch"), {"metrics": points})
        except InfrastructureError as error:
            if not self._metrics_failed:
                self._metrics_failed = True
                self.system("Could not send system metrics: {}".format(error))

    def _sample(self, group: ProcessGroup) -> None:
        meter = CpuMeter()
        step = 0
        try:
            meter.sample(group.pids)
        except OSError as error:
            self.system("No system metrics: {}".format(error))
            return
        # The first sample comes after a second, so that even a short job has one.
        interval = min(1.0, self.plan.metrics_seconds)
        while not self.stopped.wait(interval):
            interval = self.plan.metrics_seconds
            cpu, rss = meter.sample(group.pids)
            points = [metric("system/memory_usage_megabytes", rss, step)]
            if cpu is not None:
                points.append(metric("system/cpu_utilization_percentage", cpu, step))
            gpu = gpu_utilization()
            if gpu is not None:
                points.append(metric("system/gpu_utilization_percentage", gpu, step))
            self._post_metrics(points)
            step += 1

    # -- phases ------------------------------------------------------------------------------

    def prepare(self) -> None:
        """Fetches the code and the inputs and creates the output folders."""
        plan = self.plan
        os.makedirs(plan.code_dir, exist_ok=True)
        if plan.snapshot_id:
            files = signed_files(self.api.call("GET", self._snapshot_url(plan.snapshot_id)))
            download_all(self.api, files, plan.code_dir)
            self.system("Code snapshot {}: {} files".format(plan.snapshot_id, len(files)))
        for spec in plan.inputs:
            if self.cancel.is_set():
                return
            download_input(self.api, spec, self.system)
        os.makedirs(os.path.join(plan.code_dir, "outputs"), exist_ok=True)
        for output in plan.outputs:
            folder = output.source if output.type == "uri_folder" else os.path.dirname(output.source)
            os.makedirs(folder, exist_ok=True)

    def _snapshot_url(self, snapshot_id: str) -> str:
        return self.api.url(
            "/api/v1/workspaces/{}/snapshots/{}/download-urls".format(
                urllib.parse.quote(self.settings.workspace, safe=""),
                urllib.parse.quote(snapshot_id, safe=""),
            )
        )

    def execute(self) -> int:
        """Runs the command while sampling metrics; answers its exit status."""
        self.group = ProcessGroup(
            self.plan.command, self.plan.code_dir, self.plan.processes, self.environ, self.logs.add
        )
        # From here SIGTERM is forwarded to the processes instead of interrupting this thread.
        self.group.start(self.terminated.is_set)
        sampler = threading.Thread(target=self._sample, args=(self.group,), name="kiln-metrics")
        sampler.daemon = True
        sampler.start()
        code = self.group.wait(lambda: self.cancel.is_set() or self.terminated.is_set())
        duration = time.monotonic() - self.group.started_at
        self._post_metrics([metric("system/run_duration_seconds", duration, 0)])
        return code

    def upload_outputs(self) -> None:
        """Uploads ./outputs and the named outputs (from the first instance only)."""
        if self.plan.processes.rank_offset != 0:
            return
        uploaded = 0
        for path, relative in walk_files(os.path.join(self.plan.code_dir, "outputs")):
            self.api.upload(self._artifact_url("outputs/" + relative), path)
            uploaded += 1
        for output in self.plan.outputs:
            base = "named-outputs/{}/".format(output.name)
            if os.path.isdir(output.source) and not os.path.islink(output.source):
                files = walk_files(output.source)
            elif os.path.isfile(output.source) and not os.path.islink(output.source):
                files = [(output.source, os.path.basename(output.source))]
            else:
                self.system("Output '{}' has nothing at {}".format(output.name, output.source))
                files = []
            for path, relative in files:
                self.api.upload(self._artifact_url(base + relative), path)
                uploaded += 1
        self.system("Uploaded {} output files".format(uploaded))

    def _artifact_url(self, relative: str) -> str:
        return self._job_url("/artifacts/" + urllib.parse.quote(relative, safe="/"))

    def run(self) -> int:
        """The whole attempt; answers the runner's exit status."""
        self.logs.start()
        beat = threading.Thread(target=self._beat, name="kiln-heartbeat", daemon=True)
        beat.start()
        try:
            self.enter("preparing")
            self.system("Attempt {} of job {}".format(self.settings.attempt, self.settings.run_id))
            self.prepare()
            if self.cancel.is_set():
                self.system("Canceled before the command started.")
                return self._finish(EXIT_TERMINATED, upload=False)
            self.enter("running")
            code = self.execute()
            if self.terminated.is_set():
                self.system("Terminated: the command was stopped.")
                self.stopped.set()
                self.logs.close(KILL_GRACE_SECONDS / 2)
                return EXIT_TERMINATED
            return self._finish(code, upload=not self.cancel.is_set())
        except Terminated:
            self.system("Terminated while preparing.")
            self.stopped.set()
            self.logs.close(KILL_GRACE_SECONDS / 2)
            return EXIT_TERMINATED
        except InputError as error:
            self.system("Input failure: " + str(error))
            self._end(inputError=str(error))
            return 1
        except (InfrastructureError, OSError) as error:
            self.fail(str(error))
            return 1

    def fail(self, message: str) -> None:
        """Reports a failure of the runner itself: a system log line and the final heartbeat."""
        self.system("Runner failure: " + message)
        self._end(infrastructureError=message)

    def _end(self, **report) -> None:
        """Stops the background work, ships the last log lines, sends the final report."""
        self.stopped.set()
        self.logs.close()
        self.heartbeat("done", RETRY_SECONDS, **report)

    def _finish(self, code: int, upload: bool) -> int:
        if upload:
            self.enter("finalizing")
            self.upload_outputs()
        if self.group is not None:
            self.system("Command exited with {}".format(code))
        self._end(exitCode=code)
        return code

    def on_sigterm(self, signum, frame) -> None:
        """Forwards SIGTERM to the command; before it starts, abandons the preparation."""
        self.terminated.set()
        if self.group is None:
            raise Terminated()
        self.group.signal(signal.SIGTERM)


def fail_early(environ, message: str) -> int:
    """A plan too broken to run: say so on stdout and, when reachable, to compute-service."""
    try:
        settings = parse_settings(environ)
    except PlanError:
        print("[kiln] Runner failure: " + message, flush=True)
        return 1
    api = Api(settings.api_url, settings.token)
    runner = Runner(settings, Plan("", None, settings.work_dir), api, environ)
    runner.logs.start()
    runner.fail(message)
    return 1


def main(environ=None) -> int:
    """Runs one attempt as the environment describes; answers the exit status for sys.exit."""
    environ = os.environ if environ is None else environ
    try:
        settings = parse_settings(environ)
        plan = parse_plan(environ.get("KILN_PLAN"))
    except PlanError as error:
        return fail_early(environ, str(error))
    runner = Runner(settings, plan, Api(settings.api_url, settings.token), environ)
    signal.signal(signal.SIGTERM, runner.on_sigterm)
    return runner.run()


if __name__ == "__main__":
    sys.exit(main())
