"""A private PostgreSQL cluster for the fault tests: its own data folder and port, so it can be
stopped, restarted and reconfigured without touching any other server. fsync stays on, as in
production. Created with PostgreSQL's own tools (`initdb`, `pg_ctl`), run as the `postgres`
system user when the test runs as root."""
import os
import pwd
import shutil
import subprocess
import tempfile
import time

BIN = os.environ.get("ZHENGWU_PG_BIN", "/usr/lib/postgresql/15/bin")


class PrivateCluster:
    def __init__(self, port):
        self.port = port
        self.folder = tempfile.mkdtemp(prefix="zhengwu-pg-")
        self.data = os.path.join(self.folder, "data")
        self.log = os.path.join(self.folder, "postgres.log")
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            account = pwd.getpwnam("postgres")
            os.chown(self.folder, account.pw_uid, account.pw_gid)
        self.admin = f"postgres://postgres@127.0.0.1:{port}/postgres"

    def _run(self, *command, check=True):
        line = " ".join(command)
        if self.as_postgres:
            return subprocess.run(["su", "postgres", "-c", line], capture_output=True, text=True, check=check)
        return subprocess.run(line, shell=True, capture_output=True, text=True, check=check)

    def create(self):
        """Creates and starts the cluster; raises RuntimeError saying why it could not."""
        try:
            return self._create()
        except (subprocess.CalledProcessError, OSError) as error:
            detail = getattr(error, "stderr", "") or str(error)
            if os.path.exists(self.log):
                with open(self.log, errors="replace") as log:
                    detail += " " + " | ".join(line.strip() for line in log.readlines()[-3:])
            self.remove()
            raise RuntimeError(f"cannot start a PostgreSQL cluster on port {self.port}: {detail.strip()}") from None

    def _create(self):
        self._run(f"{BIN}/initdb", "-D", self.data, "-A", "trust", "-U", "postgres", "--no-sync")
        # In the configuration file, so every later start and restart keeps them.
        with open(os.path.join(self.data, "postgresql.conf"), "a") as conf:
            conf.write(f"listen_addresses = '127.0.0.1'\nport = {self.port}\nunix_socket_directories = '{self.folder}'\n"
                       "fsync = on\nmax_connections = 200\n")
        self.start()
        self.sql("CREATE ROLE zhengwu LOGIN PASSWORD 'zhengwu' CREATEDB")
        return self

    def start(self):
        return self._run(f"{BIN}/pg_ctl", "-D", self.data, "-l", self.log, "-w", "start")

    def stop(self, mode="fast"):
        return self._run(f"{BIN}/pg_ctl", "-D", self.data, "-m", mode, "-w", "stop", check=False)

    def restart(self, mode="fast"):
        # Started again with the options it was started with (postmaster.opts).
        return self._run(f"{BIN}/pg_ctl", "-D", self.data, "-l", self.log, "-m", mode, "-w", "restart")

    def sql(self, statement, database="postgres"):
        url = f"postgres://postgres@127.0.0.1:{self.port}/{database}"
        return subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-Atq", "-c", statement],
                              capture_output=True, text=True, check=True).stdout

    def remove(self):
        if os.path.exists(os.path.join(self.data, "postmaster.pid")):
            self.stop("immediate")
        for _ in range(20):
            if not os.path.exists(os.path.join(self.data, "postmaster.pid")):
                break
            time.sleep(0.2)
        shutil.rmtree(self.folder, ignore_errors=True)


def amcheck(url):
    """Checks every B-tree index of the schema `public` with amcheck's bt_index_check (heapallindexed:
    every heap tuple must be found in the index). Returns (indexes checked, problems)."""
    subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-q", "-c", "CREATE EXTENSION IF NOT EXISTS amcheck"],
                   capture_output=True, text=True, check=True)
    listing = subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-At", "-c",
                              "SELECT c.oid, c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                              "JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace "
                              "WHERE a.amname = 'btree' AND n.nspname = 'public' AND c.relpersistence <> 't' "
                              "AND i.indisvalid AND i.indisready ORDER BY c.relname"],
                             capture_output=True, text=True, check=True).stdout.split()
    indexes = [line.split("|", 1) for line in listing if "|" in line]
    problems = []
    # One statement per index, so a failure names its index.
    for oid, name in indexes:
        checked = subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-Atq", "-c", f"SELECT bt_index_check({oid}, true)"],
                                 capture_output=True, text=True)
        if checked.returncode != 0:
            problems.append(f"{name}: {checked.stderr.strip()}")
    return len(indexes), problems
