"""A small JSON-LD graph builder for CASE/UCO 1.5: deterministic IRIs, typed literals, facets.

Every node has an IRI ending in a UUIDv5 derived from the case identity and what the node
stands for (a locator, a database uid, a hash value), so exporting the same case twice gives
the same graph byte for byte. The context is inline: ``case_validate`` never has to fetch it.
"""

from __future__ import annotations

import datetime as _dt
import json
from decimal import Decimal
from typing import Any

from ..model import stable_uuid
from ..timeutil import is_local_text, iso, offset_iso

CASE_VERSION = "case-1.5.0"

PREFIXES = {
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "case-investigation": "https://ontology.caseontology.org/case/investigation/",
    "uco-action": "https://ontology.unifiedcyberontology.org/uco/action/",
    "uco-analysis": "https://ontology.unifiedcyberontology.org/uco/analysis/",
    "uco-configuration": "https://ontology.unifiedcyberontology.org/uco/configuration/",
    "uco-core": "https://ontology.unifiedcyberontology.org/uco/core/",
    "uco-identity": "https://ontology.unifiedcyberontology.org/uco/identity/",
    "uco-location": "https://ontology.unifiedcyberontology.org/uco/location/",
    "uco-observable": "https://ontology.unifiedcyberontology.org/uco/observable/",
    "uco-tool": "https://ontology.unifiedcyberontology.org/uco/tool/",
    "uco-types": "https://ontology.unifiedcyberontology.org/uco/types/",
}

Node = dict[str, Any]


def ref(iri: str) -> dict[str, str]:
    return {"@id": iri}


def dt(value: str | None) -> dict[str, str] | None:
    """An ``xsd:dateTime`` literal: with ``Z`` or the explicit offset the value carries. A naive
    value (a local clock whose zone is unknown) stays naive, which xsd:dateTime allows and which
    claims no instant; it is never given a ``Z``. A date alone is not a dateTime: ``None``."""
    if not value or len(value) <= 10:
        return None
    try:
        moment = _dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return {"@type": "xsd:dateTime", "@value": moment.isoformat()}
    if value.endswith("Z") or value[-6:-5] not in ("+", "-"):
        text = iso(moment) or value
    else:
        text = value
    return {"@type": "xsd:dateTime", "@value": text}


def hexbin(value: str) -> dict[str, str]:
    return {"@type": "xsd:hexBinary", "@value": value.lower()}


def decimal(value: float | int | str) -> dict[str, str]:
    return {"@type": "xsd:decimal", "@value": format(Decimal(str(value)).normalize(), "f")}


class Graph:
    """Nodes by IRI; ``iri()`` gives deterministic identifiers within one case."""

    def __init__(self, case_key: str) -> None:
        self.case_key = case_key
        self.kb = f"urn:uuid:{stable_uuid('case', case_key)}:"
        self.nodes: dict[str, Node] = {}
        # The declared zone of the evidence item whose records are being added (None: unknown):
        # a naive record time is then written with the offset that zone gives (see when()).
        self.source_zone: str | None = None

    def when(self, value: str | None) -> dict[str, str] | None:
        """A record's time as xsd:dateTime: UTC or a recorded offset as is; a local clock time with
        the offset of the examiner's declared zone (the offset used), or naive when it is unknown."""
        if value and self.source_zone and is_local_text(value):
            return dt(offset_iso(value, self.source_zone) or value)
        return dt(value)

    def iri(self, kind: str, *parts: object) -> str:
        return f"kb:{kind}-{stable_uuid(self.case_key, kind, *parts)}"

    def add(self, node: Node) -> str:
        clean = {k: v for k, v in node.items() if v is not None and v != [] and v != ""}
        iri = str(clean["@id"])
        if iri in self.nodes:
            self.nodes[iri].update(clean)
        else:
            self.nodes[iri] = clean
        return iri

    def has(self, iri: str) -> bool:
        return iri in self.nodes

    # ------------------------------------------------------------ common shapes
    def hashes(self, owner: str, values: dict[str, str | None]) -> list[Node]:
        """Hash nodes (method names from UCO's HashNameVocab: MD5, SHA1, SHA256...)."""
        out = []
        for method, value in values.items():
            if value:
                out.append({"@id": self.iri("hash", owner, method, value), "@type": "uco-types:Hash",
                            "uco-types:hashMethod": method, "uco-types:hashValue": hexbin(value)})
        return out

    def content_facet(self, owner: str, *, size: int | None = None, hashes: dict[str, str | None] | None = None,
                      mime: str | None = None, magic: str | None = None, entropy: float | None = None,
                      tag: str = "") -> Node:
        facet: Node = {"@id": self.iri("content-data-facet", owner, tag), "@type": "uco-observable:ContentDataFacet",
                       "uco-observable:sizeInBytes": size, "uco-observable:mimeType": mime,
                       "uco-observable:magicNumber": magic,
                       "uco-observable:entropy": decimal(entropy) if entropy is not None else None,
                       "uco-observable:hash": self.hashes(owner + tag, hashes or {})}
        return {k: v for k, v in facet.items() if v is not None and v != []}

    def relationship(self, source: str, target: str, kind: str, facets: list[Node] | None = None, *,
                     observable: bool = True) -> str:
        """A directed relationship; ``observable=False`` for a non-observable end (e.g. a Location)."""
        rel_type = "uco-observable:ObservableRelationship" if observable else "uco-core:Relationship"
        return self.add({"@id": self.iri("relationship", source, target, kind),
                         "@type": rel_type, "uco-core:source": ref(source),
                         "uco-core:target": ref(target), "uco-core:kindOfRelationship": kind,
                         "uco-core:isDirectional": True, "uco-core:hasFacet": facets or None})

    def person(self, name: str, description: str = "") -> str:
        return self.add({"@id": self.iri("identity", name), "@type": "uco-identity:Person", "uco-core:name": name,
                         "uco-core:description": description or None})

    def organization(self, name: str) -> str:
        return self.add({"@id": self.iri("organization", name), "@type": "uco-identity:Organization",
                         "uco-core:name": name})

    def location(self, text: str) -> str:
        return self.add({"@id": self.iri("location", text), "@type": "uco-location:Location", "uco-core:name": text})

    def annotation(self, key: str, objects: list[str], statement: str, tags: list[str], **extra: Any) -> str:
        node: Node = {"@id": self.iri("annotation", key), "@type": "uco-core:Annotation",
                      "uco-core:object": [ref(o) for o in objects], "uco-core:statement": statement,
                      "uco-core:tag": tags}
        node.update(extra)
        return self.add(node)

    # ------------------------------------------------------------------ output
    def to_jsonld(self) -> str:
        context = dict(PREFIXES)
        context["kb"] = self.kb
        doc = {"@context": context, "@graph": [self.nodes[k] for k in sorted(self.nodes)]}
        return json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
