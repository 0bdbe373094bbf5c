#!/usr/bin/env python3
"""Regenerates the HttpApi DefinitionBody paths of template.yaml from the handlers' routes.

Usage (from the repository root, after one run of PlatformIT, which writes the handlers' routes):
    python3 infrastructure/tools/template-routes.py template.yaml \
        functions/contract/target/openapi.json infrastructure/local/target/handler-routes.txt

handler-routes.txt holds one "Function METHOD /path" per line. Every route becomes one operation under
HttpApi -> DefinitionBody -> paths (sorted by path, then method), with the contract's operationId and an aws_proxy
integration with the live alias of its function; the $default route and everything else in the template stay as
they are. Merging branches that add routes: take either side's paths block, run PlatformIT once (it writes the file
before it fails), run this, run PlatformIT again. Idempotent. See docs/api-contract.md, "Adding or changing a route".
"""
import json
import re
import sys

METHODS = ["get", "post", "put", "patch", "delete"]


def main(template_path, contract_path, routes_path):
    contract = json.load(open(contract_path))
    operation_ids = {}
    for path, item in contract["paths"].items():
        for method, op in item.items():
            if method in METHODS:
                operation_ids[(method, path)] = op["operationId"]
    routes = {}
    functions = set()
    for line in open(routes_path):
        line = line.strip()
        if not line:
            continue
        function, method, path = line.split(" ")
        routes.setdefault(path, {})[method.lower()] = function
        functions.add(function)
    out = []
    for path in sorted(routes):
        out.append(f"          {path}:")
        for method in sorted(routes[path], key=METHODS.index):
            function = routes[path][method]
            op = operation_ids.get((method, path))
            if op is None:
                sys.exit(f"no contract operation for {method.upper()} {path}")
            out += [
                f"            {method}:",
                f"              operationId: {op}",
                "              x-amazon-apigateway-integration:",
                "                type: aws_proxy",
                "                httpMethod: POST",
                "                uri: !Sub 'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${"
                + function + "Aliaslive}/invocations'",
                "                payloadFormatVersion: '2.0'",
            ]
    text = open(template_path).read()
    start = text.index("\n        paths:\n") + len("\n        paths:\n")
    end = text.index("          $default:\n", start)
    text = text[:start] + "\n".join(out) + "\n" + text[end:]
    open(template_path, "w").write(text)
    missing = [f for f in sorted(functions) if not re.search(rf"^  {f}HttpApiPermission:", text, re.M)]
    for f in missing:
        print(f"warning: {f} has routes but no {f}HttpApiPermission resource (copy a sibling's)", file=sys.stderr)
    print(f"{sum(len(m) for m in routes.values())} operations on {len(functions)} functions")


if __name__ == "__main__":
    main(*sys.argv[1:4])
