"""YARA matches, hash-set matches, content hits and examiner tags/notes in the CASE graph.

UCO has no signature-match class (STANDARDS.md §1.2): a YARA run is an ``Analysis`` +
``InvestigativeAction`` whose instrument is a ConfiguredTool naming the rule set's SHA-256;
each match is a node typed ``AnalyticResult`` and ``core:Annotation`` on the matched file,
with an ``ArtifactClassificationResultFacet`` naming the rule. Hash-set lookups follow the
same pattern (class = the set's name). Content-search hits and examiner tags/notes are
Annotations on the item they concern.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from ..store import CaseStore
from .case_graph import Graph, Node, dt, ref
from .findings import Finding


def _result(g: Graph, key: str, analysis: str, target: str | None, label: str, statement: str, cls: str) -> str:
    iri = g.iri("analytic-result", key)
    facet_iri = g.iri("classification-facet", iri)
    return g.add({"@id": iri, "@type": ["uco-analysis:AnalyticResult", "uco-core:Annotation"],
                  "uco-analysis:originatingAnalysis": ref(analysis),
                  "uco-core:object": [ref(target)] if target else None, "uco-core:tag": [label],
                  "uco-core:statement": statement,
                  "uco-core:hasFacet": [{"@id": facet_iri, "@type": "uco-analysis:ArtifactClassificationResultFacet",
                                         "uco-analysis:classification": [{
                                             "@id": g.iri("classification", iri),
                                             "@type": "uco-analysis:ArtifactClassification",
                                             "uco-analysis:class": cls}]}]})


def _yara_tool(g: Graph, sha: str, name: str, yara_version: str) -> str:
    conf = g.iri("configuration", "yara", sha)
    return g.add({"@id": g.iri("configured-tool", "yara", sha), "@type": ["uco-tool:AnalyticTool",
                                                                          "uco-tool:ConfiguredTool"],
                  "uco-core:name": "yara-python", "uco-tool:version": yara_version or "unknown",
                  "uco-tool:toolType": "signature scanner",
                  "uco-configuration:usesConfiguration": {
                      "@id": conf, "@type": "uco-configuration:Configuration",
                      "uco-configuration:configurationEntry": [
                          {"@id": g.iri("configuration-entry", conf, "name"), "@type":
                           "uco-configuration:ConfigurationEntry", "uco-configuration:itemName": "rule set",
                           "uco-configuration:itemValue": name or "-"},
                          {"@id": g.iri("configuration-entry", conf, "sha"), "@type":
                           "uco-configuration:ConfigurationEntry", "uco-configuration:itemName": "rules_sha256",
                           "uco-configuration:itemValue": sha or "-"}]}})


def _yara_version(store: CaseStore) -> str:
    import json

    for settings in store.findings.job_settings_newest_first():
        try:
            analyzers = json.loads(settings).get("analyzers") or {}
        except ValueError:
            continue
        for name, desc in analyzers.items():
            if "yara" in name.lower() and isinstance(desc, dict):
                version = desc.get("yara_version") or desc.get("version") or desc.get("yara-python")
                if version:
                    return str(version)
    return ""


def _analysis(g: Graph, key: str, name: str, examiner: str, instrument: str, objects: list[str],
              results: list[str], start: str | None) -> str:
    return g.add({"@id": g.iri("analysis", key), "@type": ["case-investigation:InvestigativeAction",
                                                           "uco-analysis:Analysis"],
                  "uco-core:name": name, "uco-action:performer": ref(examiner), "uco-action:instrument": ref(instrument),
                  "uco-action:object": [ref(o) for o in sorted(set(objects))],
                  "uco-action:result": [ref(r) for r in results], "uco-action:startTime": dt(start)})


@dataclasses.dataclass(slots=True)
class _Nodes:
    """What the findings are attached to, and where the nodes made go."""

    file_iris: dict[int, str]
    node_of: dict[tuple[str, int], str]   # (finding kind, row id) -> IRI, for the tags
    examiner: str
    members: list[str]

    def target(self, f: Finding) -> str | None:
        return self.file_iris.get(f.file_id) if f.file_id is not None else None

    def objects(self, findings: list[Finding]) -> list[str]:
        return [self.file_iris[f.file_id] for f in findings if f.file_id in self.file_iris]


def add_findings(g: Graph, store: CaseStore, findings: list[Finding], file_iris: dict[int, str],
                 art_iris: dict[int, str], tools: dict[str, str], examiner: str, images: dict[int, str],
                 members: list[str]) -> None:
    nodes = _Nodes(file_iris, {("artifact", k): v for k, v in art_iris.items()}, examiner, members)
    nodes.node_of.update({("file", k): v for k, v in file_iris.items()})
    by_ruleset: dict[str, list[Finding]] = defaultdict(list)
    by_set: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        if f.kind == "hit":
            by_ruleset[str(f.details.get("ruleset_sha256") or "")].append(f)
        elif f.kind == "hashset":
            by_set[str(f.details["set"])].append(f)
        elif f.kind == "content_hit":
            _content_hit(g, f, nodes)
    if by_ruleset:
        _yara_runs(g, store, by_ruleset, nodes)
    for set_name, matches in sorted(by_set.items()):
        _hashset_run(g, set_name, matches, nodes)
    _tags(g, store, findings, nodes.node_of, members)


def _content_hit(g: Graph, f: Finding, nodes: _Nodes) -> None:
    target = nodes.target(f)
    iri = g.annotation(f"content-{f.fid}", [target] if target else [], f"{f.group}: {f.summary}", [f.group, f.fid],
                       **{"uco-core:description": f"context: {f.details.get('context', '')}"})
    nodes.node_of[("content_hit", f.db_id)] = iri
    nodes.members.append(iri)


def _yara_runs(g: Graph, store: CaseStore, by_ruleset: dict[str, list[Finding]], nodes: _Nodes) -> None:
    """Per rule set: its configured tool, one analysis and a result node per match."""
    rulesets = store.findings.ruleset_names()
    job_start = store.findings.job_starts()
    hit_job = store.findings.yara_hit_jobs()
    yara_version = _yara_version(store)
    for sha, hits in sorted(by_ruleset.items()):
        tool = _yara_tool(g, sha, rulesets.get(sha, ""), yara_version)
        nodes.members.append(tool)
        results = []
        for f in hits:
            rule = str(f.details["rule"])
            iri = _result(g, f"yara-{f.fid}", g.iri("analysis", f"yara-{sha}"), nodes.target(f), f"yara:{rule}",
                          f"{f.fid}: YARA {f.summary}", rule)
            nodes.node_of[("hit", f.db_id)] = iri
            results.append(iri)
        first_job = min((hit_job.get(f.db_id) or 0 for f in hits), default=0)
        nodes.members.append(_analysis(g, f"yara-{sha}", f"YARA scan (rule set SHA-256 {sha or 'not recorded'})",
                                       nodes.examiner, tool, nodes.objects(hits), results, job_start.get(first_job)))
        nodes.members.extend(results)


def _hashset_run(g: Graph, set_name: str, matches: list[Finding], nodes: _Nodes) -> None:
    """One hash set: its configured tool, one analysis and a result node per match."""
    conf = g.iri("configuration", "hashset", set_name)
    tool = g.add({"@id": g.iri("configured-tool", "hashset", set_name),
                  "@type": ["uco-tool:AnalyticTool", "uco-tool:ConfiguredTool"],
                  "uco-core:name": "hash-set lookup", "uco-tool:toolType": "hash set comparison",
                  "uco-configuration:usesConfiguration": {
                      "@id": conf, "@type": "uco-configuration:Configuration",
                      "uco-configuration:configurationEntry": [{
                          "@id": g.iri("configuration-entry", conf, "set"),
                          "@type": "uco-configuration:ConfigurationEntry", "uco-configuration:itemName": "hash set",
                          "uco-configuration:itemValue": set_name}]}})
    results = [_result(g, f"hash-{f.fid}", g.iri("analysis", f"hashset-{set_name}"), nodes.target(f),
                       f"hashset:{set_name}", f"{f.fid}: {f.summary}", set_name) for f in matches]
    nodes.members.extend([tool, _analysis(g, f"hashset-{set_name}", f"hash-set lookup ({set_name})", nodes.examiner,
                                          tool, nodes.objects(matches), results, None)])
    nodes.members.extend(results)


def _tags(g: Graph, store: CaseStore, findings: list[Finding], node_of: dict[tuple[str, int], str],
          members: list[str]) -> None:
    for row in store.tags.all_tags():
        target = node_of.get((str(row["target_kind"]), int(row["target_id"])))
        if target is None:
            continue  # the tagged item is outside this export's scope
        extra: Node = {"uco-core:createdBy": ref(g.person(row["examiner"])),
                       "uco-core:objectCreatedTime": dt(row["created_utc"]),
                       "uco-core:name": f"examiner tag: {row['tag']}"}
        members.append(g.annotation(f"tag-{row['id']}", [target], row["note"] or f"tagged {row['tag']}",
                                    [str(row["tag"])], **extra))
