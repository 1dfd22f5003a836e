"""Record types of the EVTX extractor and the mapping from a parsed event to its typed record.

Every event becomes a generic ``windows.event`` record (nothing is lost); events that answer
"who did what" also get a typed record: logons and failed logons, account management, service
installation, log clearing and Remote Desktop session events. A helper module, not an extractor.
"""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar

from forensic_triage.plugin_api import Extractor, Record

SECURITY = "Microsoft-Windows-Security-Auditing"
EVENTLOG = "Microsoft-Windows-Eventlog"
SCM = "Service Control Manager"
LSM = "Microsoft-Windows-TerminalServices-LocalSessionManager"
RCM = "Microsoft-Windows-TerminalServices-RemoteConnectionManager"

LOGON_TYPES = {
    0: "system", 2: "interactive", 3: "network", 4: "batch", 5: "service", 7: "unlock", 8: "network cleartext",
    9: "new credentials", 10: "remote interactive (RDP)", 11: "cached interactive", 12: "cached remote interactive",
    13: "cached unlock",
}
ACCOUNT_ACTIONS = {
    4720: "user account created", 4722: "user account enabled", 4724: "password reset attempted",
    4726: "user account deleted", 4732: "member added to security-enabled local group",
}
RDP_ACTIONS = {
    (LSM, 21): "session logon", (LSM, 22): "shell start", (LSM, 23): "session logoff",
    (LSM, 24): "session disconnected", (LSM, 25): "session reconnected", (SECURITY, 4778): "session reconnected",
    (SECURITY, 4779): "session disconnected", (RCM, 1149): "network authentication succeeded",
}
START_TYPES = {"0": "boot", "1": "system", "2": "automatic", "3": "manual", "4": "disabled"}


@dataclasses.dataclass(frozen=True)
class WindowsEvent(Record):
    """Any event, with its event data as key/values."""

    record_type: ClassVar[str] = "windows.event"
    time_fields: ClassVar[dict[str, str]] = {"time": "Event logged"}

    time: str | None
    provider: str | None
    event_id: int | None
    record_number: int | None
    channel: str | None
    computer: str | None
    user_sid: str | None
    level: int | None
    process_id: int | None
    thread_id: int | None
    event_data: dict[str, str]
    recovered: bool                     # read from free space inside the log (a deleted record)

    def summary(self) -> str:
        return f"{self.provider or '?'} event {self.event_id} on {self.computer or '?'}"


@dataclasses.dataclass(frozen=True)
class TypedEvent(WindowsEvent):
    """The generic record of an event that also has a typed record: the typed record carries its
    timeline row, so the same moment is not listed twice."""

    time_fields: ClassVar[dict[str, str]] = {}


@dataclasses.dataclass(frozen=True)
class Logon(Record):
    record_type: ClassVar[str] = "windows.logon"
    time_fields: ClassVar[dict[str, str]] = {"time": "Logon"}

    time: str | None
    event_id: int
    record_number: int | None
    computer: str | None
    account: str | None
    domain: str | None
    account_sid: str | None
    logon_type: int | None
    logon_type_name: str | None
    workstation: str | None
    source_address: str | None
    source_port: str | None
    logon_id: str | None
    process_name: str | None
    authentication_package: str | None
    status: str | None                  # failures: NTSTATUS of the failure
    sub_status: str | None

    def summary(self) -> str:
        source = f" from {self.source_address}" if self.source_address else ""
        return f"Logon {self.domain or ''}\\{self.account or '?'} ({self.logon_type_name or self.logon_type}){source}"


@dataclasses.dataclass(frozen=True)
class LogonFailure(Logon):
    record_type: ClassVar[str] = "windows.logon_failure"
    time_fields: ClassVar[dict[str, str]] = {"time": "Failed logon"}

    def summary(self) -> str:
        return "Failed l" + super().summary()[1:] + f", status {self.sub_status or self.status}"


@dataclasses.dataclass(frozen=True)
class AccountChange(Record):
    record_type: ClassVar[str] = "windows.account_change"
    time_fields: ClassVar[dict[str, str]] = {"time": "Account management"}

    time: str | None
    event_id: int
    record_number: int | None
    computer: str | None
    action: str
    target_account: str | None          # the account (4720-4726) or the group (4732)
    target_domain: str | None
    target_sid: str | None
    member: str | None                  # 4732: the member added (name or SID)
    subject_account: str | None         # who did it
    subject_domain: str | None

    def summary(self) -> str:
        member = f" ({self.member})" if self.member else ""
        return f"{self.action}: {self.target_account}{member} by {self.subject_account}"


@dataclasses.dataclass(frozen=True)
class ServiceInstalled(Record):
    record_type: ClassVar[str] = "windows.service_installed"
    time_fields: ClassVar[dict[str, str]] = {"time": "Service installed"}

    time: str | None
    record_number: int | None
    computer: str | None
    service_name: str | None
    image_path: str | None
    service_type: str | None
    start_type: str | None
    account: str | None
    user_sid: str | None

    def summary(self) -> str:
        return f"Service installed: {self.service_name} -> {self.image_path}"


@dataclasses.dataclass(frozen=True)
class LogCleared(Record):
    record_type: ClassVar[str] = "windows.log_cleared"
    time_fields: ClassVar[dict[str, str]] = {"time": "Event log cleared"}

    time: str | None
    event_id: int
    record_number: int | None
    computer: str | None
    log: str | None
    account: str | None
    domain: str | None
    account_sid: str | None

    def summary(self) -> str:
        return f"{self.log or 'Event'} log cleared by {self.domain or ''}\\{self.account or '?'}"


@dataclasses.dataclass(frozen=True)
class RdpSession(Record):
    record_type: ClassVar[str] = "windows.rdp_session"
    time_fields: ClassVar[dict[str, str]] = {"time": "Remote Desktop session"}

    time: str | None
    event_id: int
    record_number: int | None
    computer: str | None
    action: str
    account: str | None
    session_id: str | None
    source_address: str | None
    client_name: str | None

    def summary(self) -> str:
        source = f" from {self.source_address}" if self.source_address else ""
        return f"RDP {self.action}: {self.account or '?'}{source}"


EVTX_RECORD_TYPES: tuple[type[Record], ...] = (
    WindowsEvent, Logon, LogonFailure, AccountChange, ServiceInstalled, LogCleared, RdpSession)


def _get(data: dict[str, str], *names: str) -> str | None:
    for name in names:
        value = data.get(name)
        if value not in (None, "", "-"):
            return value
    return None


def _int(text: str | None) -> int | None:
    """Decimal or 0x-hexadecimal text as an int (leading zeros allowed), else None."""
    if not text:
        return None
    text = text.strip()
    try:
        return int(text, 16) if text.lower().startswith("0x") else int(text)
    except ValueError:
        return None


def _logon(event: WindowsEvent, eid: int, d: dict[str, str], common: dict[str, Any]) -> Record | None:
    if event.provider != SECURITY or eid not in (4624, 4625):
        return None
    logon_type = _int(d.get("LogonType"))
    failed = eid == 4625
    cls = LogonFailure if failed else Logon
    return cls(**common, event_id=eid, account=_get(d, "TargetUserName"), domain=_get(d, "TargetDomainName"),
               account_sid=_get(d, "TargetUserSid"), logon_type=logon_type,
               logon_type_name=LOGON_TYPES.get(logon_type) if logon_type is not None else None,
               workstation=_get(d, "WorkstationName"), source_address=_get(d, "IpAddress"),
               source_port=_get(d, "IpPort"), logon_id=_get(d, "TargetLogonId"),
               process_name=_get(d, "ProcessName"), authentication_package=_get(d, "AuthenticationPackageName"),
               status=_get(d, "Status") if failed else None,
               sub_status=_get(d, "SubStatus") if failed else None)


def _account_change(event: WindowsEvent, eid: int, d: dict[str, str], common: dict[str, Any]) -> Record | None:
    if event.provider != SECURITY or eid not in ACCOUNT_ACTIONS:
        return None
    return AccountChange(**common, event_id=eid, action=ACCOUNT_ACTIONS[eid],
                         target_account=_get(d, "TargetUserName"), target_domain=_get(d, "TargetDomainName"),
                         target_sid=_get(d, "TargetSid", "TargetUserSid"),
                         member=_get(d, "MemberName", "MemberSid") if eid == 4732 else None,
                         subject_account=_get(d, "SubjectUserName"), subject_domain=_get(d, "SubjectDomainName"))


def _service_installed(event: WindowsEvent, eid: int, d: dict[str, str], common: dict[str, Any]) -> Record | None:
    if event.provider != SCM or eid != 7045:
        return None
    start = _get(d, "StartType")
    return ServiceInstalled(**common, service_name=_get(d, "ServiceName"), image_path=_get(d, "ImagePath"),
                            service_type=_get(d, "ServiceType"),
                            start_type=START_TYPES.get(start or "", start), account=_get(d, "AccountName"),
                            user_sid=event.user_sid)


def _log_cleared(event: WindowsEvent, eid: int, d: dict[str, str], common: dict[str, Any]) -> Record | None:
    if event.provider != EVENTLOG or eid not in (1102, 104):
        return None
    return LogCleared(**common, event_id=eid, log=_get(d, "Channel") or ("Security" if eid == 1102 else None),
                      account=_get(d, "SubjectUserName"), domain=_get(d, "SubjectDomainName"),
                      account_sid=_get(d, "SubjectUserSid") or event.user_sid)


def _rdp_who(provider: str | None, d: dict[str, str]) -> tuple[str | None, str | None]:
    """(account, source address) of a remote desktop event, by where its provider puts them."""
    if provider == RCM:
        user, domain = _get(d, "Param1"), _get(d, "Param2")
        return (f"{domain}\\{user}" if domain and user else user), _get(d, "Param3")
    if provider == LSM:
        return _get(d, "User"), _get(d, "Address")
    user, domain = _get(d, "AccountName"), _get(d, "AccountDomain")
    return (f"{domain}\\{user}" if domain and user else user), _get(d, "ClientAddress")


def _rdp_session(event: WindowsEvent, eid: int, d: dict[str, str], common: dict[str, Any]) -> Record | None:
    action = RDP_ACTIONS.get((event.provider or "", eid))
    if action is None:
        return None
    account, address = _rdp_who(event.provider, d)
    return RdpSession(**common, event_id=eid, action=action, account=account,
                      session_id=_get(d, "SessionID", "SessionName"), source_address=address,
                      client_name=_get(d, "ClientName"))


# Each builder returns its typed record for the events it knows, else None; the first that answers wins.
_BUILDERS = (_logon, _account_change, _service_installed, _log_cleared, _rdp_session)


def typed_record(event: WindowsEvent) -> Record | None:
    """The typed record for this event, or None when it is not one of the events of interest."""
    eid = event.event_id
    if eid is None:
        return None
    common: dict[str, Any] = {"time": event.time, "record_number": event.record_number, "computer": event.computer}
    for build in _BUILDERS:
        record = build(event, eid, event.event_data, common)
        if record is not None:
            return record
    return None


# A helper module: it registers no extractor of its own (see plugins/__init__.py).
EXTRACTORS: tuple[type[Extractor], ...] = ()
