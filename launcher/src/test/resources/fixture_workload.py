"""The workload the launcher contract suite runs on every backend.

Usage: fixture_workload.py [options] -- [arguments to print]

Options:
  --exit N      exit with code N (default 0)
  --delay S     wait S seconds before doing anything (a slow start)
  --run S       after printing, keep running S seconds (a long job or a service)
  --env NAME    print the value of the environment variable NAME
  --cat PATH    print the content of the file PATH
  --cwd         print the working folder, whether it was empty, and whether it is writable

Everything is printed as raw bytes, one item a line, so that the suite can check that arguments
and environment values arrived byte for byte:
  arg=<argument>, env:NAME=<value> (or env:NAME unset), cat=<content>, cwd=<path>,
  cwd-empty=<true|false>, cwd-writable=<true|false>, ready, sigterm, done.
SIGTERM prints "sigterm" and exits 143 at once.
"""

import os
import signal
import sys
import time


def emit(*parts):
    out = sys.stdout.buffer
    for part in parts:
        out.write(part if isinstance(part, bytes) else part.encode("utf-8"))
    out.write(b"\n")
    out.flush()


def on_sigterm(signum, frame):
    emit("sigterm")
    os._exit(143)


def main(argv):
    signal.signal(signal.SIGTERM, on_sigterm)
    exit_code, delay, run, envs, cats, cwd = 0, 0.0, 0.0, [], [], False
    i = 0
    while i < len(argv) and argv[i] != "--":
        option = argv[i]
        if option == "--cwd":
            cwd = True
            i += 1
            continue
        value = argv[i + 1]
        if option == "--exit":
            exit_code = int(value)
        elif option == "--delay":
            delay = float(value)
        elif option == "--run":
            run = float(value)
        elif option == "--env":
            envs.append(value)
        elif option == "--cat":
            cats.append(value)
        else:
            emit("unknown option ", option)
            return 2
        i += 2
    arguments = argv[i + 1 :]

    if delay:
        time.sleep(delay)
    if cwd:
        here = os.getcwd()
        emit("cwd=", os.fsencode(here))
        emit("cwd-empty=", "true" if not os.listdir(here) else "false")
        try:
            with open("written-by-fixture.txt", "w", encoding="utf-8") as f:
                f.write("written")
            with open("written-by-fixture.txt", encoding="utf-8") as f:
                writable = f.read() == "written"
        except OSError:
            writable = False
        emit("cwd-writable=", "true" if writable else "false")
    for argument in arguments:
        emit("arg=", os.fsencode(argument))
    for name in envs:
        value = os.environb.get(os.fsencode(name))
        if value is None:
            emit("env:", name, " unset")
        else:
            emit("env:", name, "=", value)
    for path in cats:
        with open(path, "rb") as f:
            emit("cat=", f.read())
    emit("ready")
    if run:
        time.sleep(run)
    emit("done")
    return exit_code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
