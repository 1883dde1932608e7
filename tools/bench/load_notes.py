#!/usr/bin/env python3
"""Creates N DocumentReferences from CANTEMIST dev2 notes on a FHIR server, one Patient each.

Usage: load_notes.py FHIR_BASE N [TYPE_CODE]
Prints nothing but errors; the notes carry type.coding (LOINC 11506-3 unless given) so a
backfill can select them with --query "DocumentReference?type=http://loinc.org|CODE".
"""
import base64, json, os, sys, urllib.request

base, count = sys.argv[1].rstrip("/"), int(sys.argv[2])
code = sys.argv[3] if len(sys.argv) > 3 else "11506-3"
corpus = os.environ.get("FHIRNER_CANTEMIST_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "cantemist"))
notes = sorted(f for f in os.listdir(os.path.join(corpus, "dev2")) if f.endswith(".txt"))[:count]


def post(resource):
    request = urllib.request.Request(f"{base}/{resource['resourceType']}", json.dumps(resource).encode(),
                                     {"Content-Type": "application/fhir+json", "Accept": "application/fhir+json"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)


for name in notes:
    with open(os.path.join(corpus, "dev2", name), "rb") as f:
        text = f.read()
    patient = post({"resourceType": "Patient"})
    post({
        "resourceType": "DocumentReference", "status": "current",
        "type": {"coding": [{"system": "http://loinc.org", "code": code}]},
        "subject": {"reference": f"Patient/{patient['id']}"},
        "content": [{"attachment": {"contentType": "text/plain; charset=utf-8", "data": base64.b64encode(text).decode()}}],
    })
