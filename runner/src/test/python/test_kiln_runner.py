"""Unit tests of the runner's pure parts, and of its HTTP client against a real local server.

Run with `python3 -m unittest discover -s src/test/python -v` from the runner module (Maven does,
in the test phase).
"""

import http.server
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "main", "python"))

import kiln_runner as kr  # noqa: E402


def valid_plan(**overrides):
    plan = {
        "command": "python train.py",
        "snapshotId": "abc123",
        "codeDir": "/work/code",
        "inputs": [
            {"name": "table", "type": "uri_file", "filesUrl": "http://gw/u?path=wine.csv",
             "target": "/work/inputs/table/wine.csv"},
            {"name": "imgs", "type": "uri_folder", "filesUrl": "http://gw/u?prefix=imgs/",
             "prefix": "imgs/", "target": "/work/inputs/imgs"},
            {"name": "web", "type": "uri_file", "url": "https://example.org/w.csv",
             "target": "/work/inputs/web/w.csv"},
        ],
        "outputs": [{"name": "model", "type": "uri_folder", "source": "/work/outputs/model"}],
        "processes": {"type": "pytorch", "perInstance": 2, "worldSize": 4, "rankOffset": 2,
                      "masterAddr": "10.0.0.1", "masterPort": 29500},
        "heartbeatSeconds": 10,
        "metricsSeconds": 5,
    }
    plan.update(overrides)
    return plan


class SignedFiles(unittest.TestCase):

    def test_answers_each_url_with_its_path_relative_to_the_prefix(self):
        answer = {"files": [{"path": "imgs/a.png", "size": 1, "url": "http://s3/a?sig"},
                            {"path": "imgs/sub/b.png", "size": 2, "url": "/api/v1/b"}]}
        self.assertEqual(kr.signed_files(answer, "imgs"),
                         [("http://s3/a?sig", "a.png"), ("/api/v1/b", "sub/b.png")])

    def test_refuses_a_path_that_climbs_out(self):
        with self.assertRaises(kr.UnsafePathError):
            kr.signed_files({"files": [{"path": "imgs/../../etc/passwd", "url": "u"}]}, "imgs/")

    def test_refuses_a_path_outside_the_prefix(self):
        with self.assertRaises(kr.UnsafePathError):
            kr.signed_files({"files": [{"path": "imgsother/c.png", "url": "u"}]}, "imgs/")

    def test_refuses_a_drive_letter_as_unsafe_and_a_file_without_url(self):
        with self.assertRaises(kr.UnsafePathError):
            kr.signed_files({"files": [{"path": "ok.py", "url": "u"},
                                       {"path": "C:/windows/evil", "url": "u"}]})
        with self.assertRaises(kr.InfrastructureError) as missing:
            kr.signed_files({"files": [{"path": "ok.py", "url": "u"}, {"path": "a.py"}]})
        self.assertNotIsInstance(missing.exception, kr.UnsafePathError)

    def test_refuses_an_answer_without_files(self):
        with self.assertRaises(kr.InfrastructureError):
            kr.signed_files({"items": []})


class DistributionVariables(unittest.TestCase):
    """Two instances of two processes each: world size 4, ranks 0-3."""

    @staticmethod
    def everywhere(kind):
        envs = []
        for instance in range(2):
            processes = kr.Processes(type=kind, per_instance=2, world_size=4,
                                     rank_offset=instance * 2, master_addr="10.0.0.1",
                                     master_port=29500)
            envs.extend(kr.distribution_env(processes, local) for local in range(2))
        return envs

    def test_pytorch_gets_world_size_ranks_and_the_master(self):
        envs = self.everywhere("pytorch")
        self.assertEqual([e["RANK"] for e in envs], ["0", "1", "2", "3"])
        self.assertEqual([e["LOCAL_RANK"] for e in envs], ["0", "1", "0", "1"])
        self.assertEqual([e["NODE_RANK"] for e in envs], ["0", "0", "1", "1"])
        self.assertEqual({e["WORLD_SIZE"] for e in envs}, {"4"})
        self.assertEqual({(e["MASTER_ADDR"], e["MASTER_PORT"]) for e in envs},
                         {("10.0.0.1", "29500")})
        self.assertNotIn("OMPI_COMM_WORLD_RANK", envs[0])

    def test_mpi_gets_open_mpi_names_and_the_pytorch_ones(self):
        envs = self.everywhere("mpi")
        self.assertEqual([e["OMPI_COMM_WORLD_RANK"] for e in envs], ["0", "1", "2", "3"])
        self.assertEqual([e["OMPI_COMM_WORLD_LOCAL_RANK"] for e in envs], ["0", "1", "0", "1"])
        self.assertEqual({e["OMPI_COMM_WORLD_SIZE"] for e in envs}, {"4"})
        self.assertEqual([e["RANK"] for e in envs], ["0", "1", "2", "3"])

    def test_tensorflow_gets_a_tf_config_with_every_worker(self):
        configs = [json.loads(e["TF_CONFIG"]) for e in self.everywhere("tensorflow")]
        workers = ["10.0.0.1:29500", "10.0.0.1:29501", "10.0.0.1:29502", "10.0.0.1:29503"]
        for index, config in enumerate(configs):
            self.assertEqual(config["cluster"], {"worker": workers})
            self.assertEqual(config["task"], {"type": "worker", "index": index})

    def test_a_single_process_job_gets_no_variables(self):
        self.assertEqual(kr.distribution_env(kr.Processes(), 0), {})


class PlanParsing(unittest.TestCase):

    def assertRefused(self, text, fragment):
        with self.assertRaises(kr.PlanError) as raised:
            kr.parse_plan(text)
        self.assertIn(fragment, str(raised.exception))

    def test_parses_a_complete_plan(self):
        plan = kr.parse_plan(json.dumps(valid_plan()))
        self.assertEqual(plan.command, "python train.py")
        self.assertEqual(plan.inputs[1].files_url, "http://gw/u?prefix=imgs/")
        self.assertEqual(plan.inputs[1].prefix, "imgs/")
        self.assertEqual((plan.inputs[2].url, plan.inputs[2].files_url),
                         ("https://example.org/w.csv", None))
        self.assertEqual(plan.outputs[0].source, "/work/outputs/model")
        self.assertEqual((plan.processes.type, plan.processes.rank_offset), ("pytorch", 2))
        self.assertEqual(plan.heartbeat_seconds, 10.0)

    def test_fills_in_defaults(self):
        plan = kr.parse_plan(json.dumps({"command": "true", "codeDir": "/c", "snapshotId": None}))
        self.assertIsNone(plan.snapshot_id)
        self.assertEqual((plan.inputs, plan.outputs), ([], []))
        self.assertEqual((plan.processes.type, plan.processes.per_instance), ("none", 1))
        self.assertEqual((plan.heartbeat_seconds, plan.metrics_seconds), (10.0, 5.0))

    def test_refuses_a_missing_plan(self):
        self.assertRefused(None, "KILN_PLAN is not set")

    def test_refuses_text_that_is_not_json(self):
        self.assertRefused("{command", "not JSON")

    def test_refuses_json_that_is_not_an_object(self):
        self.assertRefused("[]", "JSON object")

    def test_refuses_a_plan_without_command(self):
        plan = valid_plan()
        del plan["command"]
        self.assertRefused(json.dumps(plan), "'command' is missing")

    def test_refuses_a_relative_code_dir(self):
        self.assertRefused(json.dumps(valid_plan(codeDir="code")), "absolute")

    def test_refuses_an_unknown_input_type(self):
        plan = valid_plan()
        plan["inputs"][0]["type"] = "mltable"
        self.assertRefused(json.dumps(plan), "inputs[0]: type 'mltable'")

    def test_refuses_an_input_with_both_or_neither_source(self):
        plan = valid_plan()
        plan["inputs"][0]["url"] = "https://example.org/x"
        self.assertRefused(json.dumps(plan), "inputs[0]: needs exactly one of 'url' and 'filesUrl'")
        del plan["inputs"][0]["url"], plan["inputs"][0]["filesUrl"]
        self.assertRefused(json.dumps(plan), "inputs[0]: needs exactly one")

    def test_refuses_a_url_folder(self):
        plan = valid_plan()
        plan["inputs"][2]["type"] = "uri_folder"
        self.assertRefused(json.dumps(plan), "inputs[2]: a 'url' input is a uri_file")

    def test_refuses_an_output_name_with_a_slash(self):
        plan = valid_plan(outputs=[{"name": "../x", "type": "uri_folder", "source": "/o"}])
        self.assertRefused(json.dumps(plan), "not a plain name")

    def test_refuses_an_unknown_distribution(self):
        plan = valid_plan()
        plan["processes"]["type"] = "horovod"
        self.assertRefused(json.dumps(plan), "type 'horovod'")

    def test_refuses_ranks_beyond_the_world_size(self):
        plan = valid_plan()
        plan["processes"]["rankOffset"] = 3
        self.assertRefused(json.dumps(plan), "exceeds worldSize")

    def test_refuses_a_boolean_where_a_number_belongs(self):
        plan = valid_plan()
        plan["processes"]["perInstance"] = True
        self.assertRefused(json.dumps(plan), "'perInstance' must be a number")

    def test_refuses_a_non_positive_interval(self):
        self.assertRefused(json.dumps(valid_plan(metricsSeconds=0)), "must be positive")

    def test_refuses_a_snapshot_id_that_could_change_the_url(self):
        self.assertRefused(json.dumps(valid_plan(snapshotId="../x")), "is not an id")

    def test_refuses_settings_without_token(self):
        with self.assertRaises(kr.PlanError) as raised:
            kr.parse_settings({"KILN_API_URL": "http://gw", "KILN_WORKSPACE": "w",
                               "KILN_RUN_ID": "r"})
        self.assertIn("KILN_RUN_TOKEN", str(raised.exception))


class LogBatching(unittest.TestCase):

    def test_keeps_the_order_across_streams(self):
        entries = [("stdout", "a"), ("stdout", "b"), ("stderr", "c"), ("stdout", "d"),
                   ("system", "e"), ("system", "f")]
        self.assertEqual(kr.batch_lines(entries),
                         [("stdout", ["a", "b"]), ("stderr", ["c"]), ("stdout", ["d"]),
                          ("system", ["e", "f"])])

    def test_splits_at_the_line_and_byte_limits_without_reordering(self):
        entries = [("stdout", str(i) * 10) for i in range(10)]
        batches = kr.batch_lines(entries, max_lines=3, max_bytes=40)
        self.assertTrue(all(len(lines) <= 3 for _, lines in batches))
        self.assertEqual([line for _, lines in batches for line in lines],
                         [line for _, line in entries])
        self.assertGreater(len(batches), 3)

    def test_makes_lines_the_server_accepts(self):
        self.assertEqual(kr.sanitize_line("a\x00b"), "a\ufffdb")
        long = "é" * kr.MAX_LINE_BYTES
        self.assertLessEqual(len(kr.sanitize_line(long).encode("utf-8")), kr.MAX_LINE_BYTES)

    def test_the_shipper_posts_every_line_in_order_before_it_closes(self):
        posted = []
        shipper = kr.LogShipper(lambda stream, lines: posted.append((stream, list(lines))),
                                lambda stream, line: None).start()
        for i in range(500):
            shipper.add("stderr" if i % 7 == 0 else "stdout", "line {}".format(i))
        shipper.close()

        flat = [(stream, line) for stream, lines in posted for line in lines]
        self.assertEqual(flat, [("stderr" if i % 7 == 0 else "stdout", "line {}".format(i))
                                for i in range(500)])

    def test_the_shipper_carries_on_after_a_batch_it_could_not_post(self):
        posted = []

        def post(stream, lines):
            if lines == ["bad"]:
                raise kr.HttpError("POST", "http://gw/logs", 400, "invalid_log_lines")
            posted.extend(lines)

        # One shipper: its thread must survive the failed batch to post the next one.
        shipper = kr.LogShipper(post, lambda stream, line: None).start()
        shipper.add("stderr", "bad")
        shipper.add("stdout", "good")
        shipper.close()
        self.assertEqual(posted, ["good"])

    def test_reads_lines_decoding_utf8_across_chunks(self):
        read, write = os.pipe()
        text = "näive ✓\n" + "x" * (kr.READ_CHUNK + 5) + "\nno newline at the end"
        with os.fdopen(write, "wb") as w:
            w.write(text.encode("utf-8"))
        lines = []
        kr.read_lines(os.fdopen(read, "rb"), "stdout", "[rank 1] ",
                      lambda stream, line: lines.append(line))
        self.assertEqual(lines[0], "[rank 1] näive ✓")
        self.assertEqual("".join(l[len("[rank 1] "):] for l in lines[1:-1]),
                         "x" * (kr.READ_CHUNK + 5))
        self.assertEqual(lines[-1], "[rank 1] no newline at the end")


class ProcSampling(unittest.TestCase):

    def test_samples_the_current_process(self):
        meter = kr.CpuMeter()
        cpu, rss = meter.sample([os.getpid()])
        self.assertIsNone(cpu)
        self.assertGreater(rss, 1.0)
        self.assertLess(rss, 64 * 1024.0)
        start = time.process_time()
        while time.process_time() - start < 0.05:
            pass
        cpu, rss = meter.sample([os.getpid()])
        self.assertGreater(cpu, 0.0)
        self.assertLessEqual(cpu, 100.0 * os.cpu_count() + 1.0)

    def test_the_tree_holds_the_session_and_its_descendants(self):
        child = subprocess.Popen(["/bin/sh", "-c", "sleep 30 & sleep 30; wait"],
                                 start_new_session=True)
        self.addCleanup(child.wait)
        self.addCleanup(os.killpg, child.pid, signal.SIGKILL)
        # The shell starts its two sleeps in its own time; a bound keeps a failure from hanging.
        tree, deadline = {}, time.monotonic() + 30
        while len(tree) < 3 and time.monotonic() < deadline:
            tree = kr.process_tree([child.pid])
        self.assertEqual(len(tree), 3)
        self.assertIn(child.pid, tree)
        self.assertNotIn(os.getpid(), tree)

    def test_reads_a_name_with_spaces_and_parentheses(self):
        proc = tempfile.mkdtemp()
        os.makedirs(os.path.join(proc, "42"))
        # state, ppid, pgrp, session, then fields 7-13, utime, stime, fields 16-23, rss
        fields = ["S", "7", "42", "9"] + ["0"] * 7 + ["30", "13"] + ["0"] * 8 + ["100"]
        with open(os.path.join(proc, "42", "stat"), "w") as f:
            f.write("42 (a (b) c) " + " ".join(fields) + " 0 0\n")
        self.assertEqual(kr.read_proc_stat(42, proc), (7, 9, 43, 100))


class ExitStatus(unittest.TestCase):

    def test_reports_the_first_non_zero_and_signals_as_128_plus(self):
        self.assertEqual(kr.first_failure([0, 0]), 0)
        self.assertEqual(kr.first_failure([0, 3, 1]), 3)
        self.assertEqual(kr.first_failure([-signal.SIGTERM, 0]), 143)

    def test_runs_every_process_with_its_rank_and_prefix(self):
        lines = []
        processes = kr.Processes(type="pytorch", per_instance=2, world_size=2)
        group = kr.ProcessGroup('echo "r=$RANK"; echo "e=$RANK" >&2; exit $((RANK * 4))',
                                tempfile.gettempdir(), processes, dict(os.environ),
                                lambda stream, line: lines.append((stream, line)))
        code = group.start(lambda: False).wait(lambda: False)
        self.assertEqual(code, 4)
        self.assertCountEqual(lines, [("stdout", "r=0"), ("stderr", "e=0"),
                                      ("stdout", "[rank 1] r=1"), ("stderr", "[rank 1] e=1")])


class Handler(http.server.BaseHTTPRequestHandler):
    """Answers from the server's script: a list of (status, body, headers) per path."""

    def log_message(self, *args):
        pass

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.server.seen.append((self.command, self.path, dict(self.headers), body))
        script = self.server.script.get(self.path.split("?")[0], [(404, b"{}", {})])
        status, payload, headers = script.pop(0) if len(script) > 1 else script[0]
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = _answer


class HttpClient(unittest.TestCase):

    def serve(self):
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.script, server.seen = {}, []
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        return server, "http://127.0.0.1:{}".format(server.server_address[1])

    def api(self, base):
        # The clock moves only when the client sleeps: retries are counted, not timed.
        self.sleeps = []
        return kr.Api(base, "kiln_run_secret", sleep=self.sleeps.append,
                      clock=lambda: sum(self.sleeps))

    def test_retries_5xx_and_429_then_answers(self):
        server, base = self.serve()
        server.script["/x"] = [(503, b"", {}), (429, b"", {"Retry-After": "2"}),
                               (200, b'{"ok": true}', {})]
        self.assertEqual(self.api(base).call("POST", base + "/x", {"a": 1}), {"ok": True})
        self.assertEqual(self.sleeps, [0.5, 2.0])
        method, _, headers, body = server.seen[0]
        self.assertEqual((method, json.loads(body)), ("POST", {"a": 1}))
        self.assertEqual(headers["User-Agent"], "kiln-runner/1")
        self.assertEqual(headers["Authorization"], "Bearer kiln_run_secret")

    def test_a_4xx_fails_the_call_at_once_with_the_problem(self):
        server, base = self.serve()
        server.script["/x"] = [(400, b'{"code": "invalid_metric", "detail": "no value"}', {})]
        with self.assertRaises(kr.HttpError) as raised:
            self.api(base).call("POST", base + "/x", {})
        self.assertEqual(raised.exception.status, 400)
        self.assertIn("invalid_metric", str(raised.exception))
        self.assertEqual((len(server.seen), self.sleeps), (1, []))

    def test_gives_up_on_a_transient_error_after_the_retry_window(self):
        server, base = self.serve()
        server.script["/x"] = [(502, b"", {})]
        with self.assertRaises(kr.HttpError) as raised:
            self.api(base).call("POST", base + "/x", {}, retry_seconds=0.0)
        self.assertEqual(raised.exception.status, 502)

    def test_retries_a_refused_connection_until_the_window_closes(self):
        dead = "http://127.0.0.1:1"
        with self.assertRaises(kr.HttpError) as raised:
            self.api(dead).call("GET", dead + "/x", retry_seconds=5.0)
        self.assertIsNone(raised.exception.status)
        self.assertEqual(self.sleeps, [0.5, 1.0, 2.0])

    def test_never_sends_the_token_to_another_origin(self):
        _, base = self.serve()
        with self.assertRaises(kr.InfrastructureError):
            self.api(base).download("https://bucket.example/x", "/tmp/never", True)

    def test_drops_the_token_on_a_redirect_to_another_origin(self):
        gateway, base = self.serve()
        bucket, other = self.serve()
        gateway.script["/f"] = [(302, b"", {"Location": other + "/obj?sig=1"})]
        bucket.script["/obj"] = [(200, b"content", {})]
        target = os.path.join(tempfile.mkdtemp(), "in", "file.bin")

        self.api(base).download(base + "/f", target, True)

        with open(target, "rb") as f:
            self.assertEqual(f.read(), b"content")
        self.assertIn("Authorization", gateway.seen[0][2])
        self.assertNotIn("Authorization", bucket.seen[0][2])

    def test_downloads_signed_urls_without_the_token_and_api_paths_with_it(self):
        gateway, base = self.serve()
        bucket, other = self.serve()
        gateway.script["/urls"] = [(200, json.dumps({"files": [
            {"path": "imgs/a.txt", "size": 1, "url": other + "/obj?X-Amz-Signature=1"},
            {"path": "imgs/sub/b.txt", "size": 1, "url": "/api/v1/files/b"}]}).encode(), {})]
        gateway.script["/api/v1/files/b"] = [(200, b"B", {})]
        bucket.script["/obj"] = [(200, b"A", {})]
        target = tempfile.mkdtemp()
        spec = kr.InputSpec(name="imgs", type="uri_folder", target=target,
                            files_url=base + "/urls", prefix="imgs/")

        kr.download_input(self.api(base), spec, lambda line: None)

        with open(os.path.join(target, "a.txt")) as a, open(os.path.join(target, "sub", "b.txt")) as b:
            self.assertEqual((a.read(), b.read()), ("A", "B"))
        self.assertNotIn("Authorization", bucket.seen[0][2])
        by_path = {path: headers for _, path, headers, _ in gateway.seen}
        self.assertEqual(by_path["/api/v1/files/b"]["Authorization"], "Bearer kiln_run_secret")
        self.assertEqual(by_path["/urls"]["Authorization"], "Bearer kiln_run_secret")

    def test_a_failed_file_stops_the_downloads_not_yet_started(self):
        gateway, base = self.serve()
        bucket, other = self.serve()
        files = [{"path": "f{:03d}".format(i), "size": 1, "url": other + "/ok"} for i in range(200)]
        files.insert(0, {"path": "gone", "size": 1, "url": other + "/gone"})
        gateway.script["/urls"] = [(200, json.dumps({"files": files}).encode(), {})]
        bucket.script["/ok"] = [(200, b"x", {})]
        spec = kr.InputSpec(name="imgs", type="uri_folder", target=tempfile.mkdtemp(),
                            files_url=base + "/urls")

        with self.assertRaises(kr.InputError):
            kr.download_input(self.api(base), spec, lambda line: None)

        self.assertLess(len(bucket.seen), 100)

    def test_a_file_input_must_name_exactly_one_file(self):
        gateway, base = self.serve()
        gateway.script["/urls"] = [(200, b'{"files": []}', {})]
        spec = kr.InputSpec(name="table", type="uri_file", target="/tmp/never/t.csv",
                            files_url=base + "/urls")
        with self.assertRaises(kr.InputError) as raised:
            kr.download_input(self.api(base), spec, lambda line: None)
        self.assertIn("input 'table': names 0 files", str(raised.exception))

    def test_a_missing_input_is_the_jobs_fault_and_an_unreachable_store_is_ours(self):
        gateway, base = self.serve()
        gateway.script["/missing"] = [
            (404, b'{"code": "file_not_found", "detail": "No file at \'a.csv\'."}', {})]
        gateway.script["/down"] = [(503, b"", {})]
        api = self.api(base)

        with self.assertRaises(kr.InputError) as missing:
            kr.download_input(api, kr.InputSpec(name="table", type="uri_file", target="/tmp/n/a",
                                                files_url=base + "/missing"), lambda line: None)
        with self.assertRaises(kr.HttpError) as down:
            kr.download_input(api, kr.InputSpec(name="table", type="uri_file", target="/tmp/n/a",
                                                files_url=base + "/down"), lambda line: None)

        self.assertIn("file_not_found", str(missing.exception))
        self.assertNotIsInstance(down.exception, kr.InputError)
        self.assertEqual(down.exception.status, 503)

    def test_uploads_a_file_with_its_length(self):
        server, base = self.serve()
        server.script["/a"] = [(200, b"{}", {})]
        path = os.path.join(tempfile.mkdtemp(), "f.bin")
        with open(path, "wb") as f:
            f.write(b"\x00\x01" * 5000)
        self.api(base).upload(base + "/a", path)
        method, _, headers, body = server.seen[0]
        self.assertEqual((method, headers["Content-Length"], body), ("PUT", "10000", b"\x00\x01" * 5000))


if __name__ == "__main__":
    unittest.main()
