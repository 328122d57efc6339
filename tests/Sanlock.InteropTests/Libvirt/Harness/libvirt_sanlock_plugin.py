#!/usr/bin/python3
"""Drives libvirt 9.0.0's real sanlock lock plugin (sanlock.so) through its plugin entry points, as the QEMU
driver would, against the sanlock daemon of SANLOCK_RUN_DIR.

usage: libvirt_sanlock_plugin.py CONF STEP...
  STEP = acquire:PID:DISK[,DISK...]   (a DISK prefixed with + is <shareable/>, with - is <readonly/>)
       | release:PID:DISK[,DISK...]
       | inquire:PID:DISK[,DISK...]
       | spawn            a "QEMU": a child that registers itself through the plugin (RESTRICT + REGISTER_ONLY,
                          as the pre-exec child does), then execs sleep keeping the leaked connection
       | kill:PID         SIGKILL a spawned child and reap it (its leases go with its connection)
  PID is a number or @N, the N-th spawned child.
Prints "init <rc> <last error>" and one line "<step> <rc> <state or last error>" per step.
The plugin interface (struct layout, flags) is libvirt's public lock-driver ABI, written here from its
documented shape; no libvirt code is copied.
"""
import ctypes
import os
import signal
import sys
import time
import uuid
from ctypes import CFUNCTYPE, POINTER, Structure, Union, c_char_p, c_int, c_size_t, c_uint, c_void_p

PLUGIN = "/usr/lib/x86_64-linux-gnu/libvirt/lock-driver/sanlock.so"
LOCK_MANAGER_VERSION = 1
OBJECT_TYPE_DOMAIN = 0
RESOURCE_TYPE_DISK = 0
RESOURCE_READONLY = 1
RESOURCE_SHARED = 2
ACQUIRE_REGISTER_ONLY = 1
ACQUIRE_RESTRICT = 2
PARAM_STRING, PARAM_CSTRING, PARAM_INT, PARAM_LONG, PARAM_UINT, PARAM_ULONG, PARAM_DOUBLE, PARAM_UUID = range(8)


class ParamValue(Union):
    _fields_ = [("iv", c_int), ("ui", c_uint), ("l", ctypes.c_longlong), ("d", ctypes.c_double),
                ("str", c_char_p), ("uuid", ctypes.c_ubyte * 16)]


class Param(Structure):
    _fields_ = [("type", c_int), ("key", c_char_p), ("value", ParamValue)]


class Manager(Structure):
    _fields_ = [("driver", c_void_p), ("private", c_void_p)]


class Driver(Structure):
    _fields_ = [
        ("version", c_uint), ("flags", c_uint),
        ("init", CFUNCTYPE(c_int, c_uint, c_char_p, c_uint)),
        ("deinit", CFUNCTYPE(c_int)),
        ("new", CFUNCTYPE(c_int, POINTER(Manager), c_uint, c_size_t, POINTER(Param), c_uint)),
        ("free", CFUNCTYPE(None, POINTER(Manager))),
        ("add", CFUNCTYPE(c_int, POINTER(Manager), c_uint, c_char_p, c_size_t, POINTER(Param), c_uint)),
        ("acquire", CFUNCTYPE(c_int, POINTER(Manager), c_char_p, c_uint, c_int, POINTER(c_int))),
        ("release", CFUNCTYPE(c_int, POINTER(Manager), POINTER(c_void_p), c_uint)),
        ("inquire", CFUNCTYPE(c_int, POINTER(Manager), POINTER(c_void_p), c_uint)),
    ]


libvirt = ctypes.CDLL("libvirt.so.0", mode=ctypes.RTLD_GLOBAL)
libvirt.virInitialize()
libvirt.virGetLastErrorMessage.restype = c_char_p
libvirt.virResetLastError.restype = None
driver = Driver.in_dll(ctypes.CDLL(PLUGIN), "virLockDriverImpl")


def last_error():
    message = libvirt.virGetLastErrorMessage()
    libvirt.virResetLastError()
    return message.decode() if message else ""


def manager_for(pid, disks):
    params = (Param * 4)()
    params[0].type, params[0].key = PARAM_UUID, b"uuid"
    for i, b in enumerate(uuid.uuid5(uuid.NAMESPACE_OID, str(pid)).bytes):
        params[0].value.uuid[i] = b
    params[1].type, params[1].key, params[1].value.str = PARAM_STRING, b"name", b"vm%d" % pid
    params[2].type, params[2].key, params[2].value.ui = PARAM_UINT, b"id", 1
    params[3].type, params[3].key, params[3].value.iv = PARAM_INT, b"pid", pid
    man = Manager(ctypes.addressof(driver), None)
    rc = driver.new(ctypes.byref(man), OBJECT_TYPE_DOMAIN, 4, params, 0)
    if rc != 0:
        return None, rc
    for disk in disks:
        flags = RESOURCE_SHARED if disk.startswith("+") else RESOURCE_READONLY if disk.startswith("-") else 0
        rc = driver.add(ctypes.byref(man), RESOURCE_TYPE_DISK, disk.lstrip("+-").encode(), 0, None, flags)
        if rc != 0:
            return None, rc
    return man, 0


def spawn():
    """Fork; the child registers itself as libvirt's pre-exec child does and becomes sleep. Returns its pid once
    registered (it reports through a pipe before exec)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        man, rc = manager_for(os.getpid(), [])
        if man is not None:
            fd = c_int(-1)
            rc = driver.acquire(ctypes.byref(man), None, ACQUIRE_RESTRICT | ACQUIRE_REGISTER_ONLY, 0, ctypes.byref(fd))
        os.write(write_end, b"%d %s" % (rc, last_error().encode()))
        os.close(write_end)
        if rc == 0:
            os.execv("/bin/sleep", ["sleep", "300"])
        os._exit(1)
    os.close(write_end)
    report = os.read(read_end, 4096).decode()
    os.close(read_end)
    rc, _, error = report.partition(" ")
    return pid, int(rc), error


def main():
    rc = driver.init(LOCK_MANAGER_VERSION, sys.argv[1].encode(), 0)
    print("init", rc, last_error(), flush=True)
    if rc != 0:
        return 1
    children = []
    try:
        for step in sys.argv[2:]:
            op, _, rest = step.partition(":")
            pid_text, _, disks = rest.partition(":")
            pid = children[int(pid_text[1:]) - 1] if pid_text.startswith("@") else int(pid_text or 0)
            if op == "spawn":
                child, rc, error = spawn()
                children.append(child)
                print(op, rc, child if rc == 0 else error, flush=True)
                continue
            if op == "kill":
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                time.sleep(0.5)  # the daemon notices the closed connection asynchronously
                print(op, 0, "", flush=True)
                continue
            man, rc = manager_for(pid, disks.split(",") if disks else [])
            text = ""
            if man is not None:
                if op == "acquire":
                    fd = c_int(-1)
                    rc = driver.acquire(ctypes.byref(man), None, 0, 0, ctypes.byref(fd))
                else:
                    state = c_void_p()
                    rc = (driver.release if op == "release" else driver.inquire)(ctypes.byref(man), ctypes.byref(state), 0)
                    text = ctypes.string_at(state.value).decode() if rc == 0 and state.value else ""
                driver.free(ctypes.byref(man))
            print(op, rc, text if rc == 0 else last_error(), flush=True)
    finally:
        for child in children:
            try:
                os.kill(child, signal.SIGKILL)
                os.waitpid(child, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
    return 0


sys.exit(main())
