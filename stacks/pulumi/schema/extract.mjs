// Reads the providers' generated Node.js SDKs (unpacked npm tarballs) and prints provider-inputs.json.
// Run by regenerate.sh, which unpacks the tarballs and installs the TypeScript parser this file loads.
// Usage: node extract.mjs WORKDIR   (WORKDIR holds packs.json, <package>/package/..., ts/node_modules/typescript)
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const work = process.argv[2];
const require = createRequire(path.join(work, "ts", "package.json"));
const ts = require("typescript");

// Every resource type and function the renderers emit, and the few kept for reference. A type rendered
// but missing here fails the schema tests ("type token ... is not in the provider schema data").
const SPEC = {
  aws: {
    npm: "@pulumi/aws",
    resources: {
      ec2: ["Vpc", "Subnet", "InternetGateway", "RouteTable", "RouteTableAssociation", "Route", "SecurityGroup", "Instance", "Eip", "EipAssociation", "KeyPair"],
      vpc: ["SecurityGroupIngressRule", "SecurityGroupEgressRule"],
    },
    functions: { ec2: ["getAmi"] },
  },
  gcp: {
    npm: "@pulumi/gcp",
    resources: { compute: ["Network", "Subnetwork", "Firewall", "Route", "Address", "Instance"] },
    functions: { compute: ["getImage"] },
  },
  "azure-native": {
    npm: "@pulumi/azure-native",
    resources: {
      resources: ["ResourceGroup"],
      network: ["VirtualNetwork", "Subnet", "RouteTable", "Route", "NetworkSecurityGroup", "SecurityRule", "PublicIPAddress", "NetworkInterface"],
      compute: ["VirtualMachine"],
    },
    functions: { network: ["getPublicIPAddress"] },
  },
};

// The Node.js SDKs say only "number". Nearly every numeric input of these providers is a whole number
// (ports, priorities, sizes, counts: Input<int> in the C# SDKs); these are the real-valued ones.
const FLOATS = new Set([
  "gcp:compute.SubnetworkLogConfig.flowSampling",
  "azure-native:compute.BillingProfileArgs.maxPrice",
]);

const lowerFirst = (s) => s[0].toLowerCase() + s.slice(1);

function parse(file) {
  return ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
}

/** Interfaces and classes of a file, including those inside (nested) namespaces, keyed by dotted path. */
function declarations(source) {
  const found = new Map();
  const visit = (node, prefix) => {
    if (ts.isModuleDeclaration(node) && node.body) {
      const name = prefix ? `${prefix}.${node.name.text}` : node.name.text;
      if (ts.isModuleBlock(node.body)) {
        node.body.statements.forEach((s) => visit(s, name));
      } else {
        visit(node.body, name);
      }
    } else if ((ts.isInterfaceDeclaration(node) || ts.isClassDeclaration(node)) && node.name) {
      found.set(prefix ? `${prefix}.${node.name.text}` : node.name.text, node);
    }
  };
  source.statements.forEach((s) => visit(s, ""));
  return found;
}

class Package {
  constructor(name, root) {
    this.name = name;
    this.root = root;
    this.inputTypes = declarations(parse(path.join(root, "types", "input.d.ts")));
    this.enumFiles = new Map();
    this.types = {};
    this.enums = {};
    this.queue = [];
  }

  enumValues(ref) {
    const [module, name] = [ref.slice(0, ref.lastIndexOf(".")), ref.slice(ref.lastIndexOf(".") + 1)];
    if (!this.enumFiles.has(module)) {
      const file = path.join(this.root, "types", "enums", ...module.split("."), "index.d.ts");
      const consts = new Map();
      if (fs.existsSync(file)) {
        for (const statement of parse(file).statements) {
          if (ts.isVariableStatement(statement)) {
            for (const d of statement.declarationList.declarations) {
              if (d.type && ts.isTypeLiteralNode(d.type)) {
                consts.set(d.name.text, d.type.members.map((m) => m.type && ts.isLiteralTypeNode(m.type) ? m.type.literal.text : null).filter((v) => v !== null));
              }
            }
          }
        }
      }
      this.enumFiles.set(module, consts);
    }
    return this.enumFiles.get(module).get(name);
  }

  enumRef(ref) {
    if (!(ref in this.enums)) {
      const values = this.enumValues(ref);
      if (!values) throw new Error(`${this.name}: enum ${ref} not found under types/enums`);
      this.enums[ref] = values;
    }
    return ref;
  }

  objectRef(ref) {
    if (!(ref in this.types)) {
      this.types[ref] = null;
      this.queue.push(ref);
    }
    return ref;
  }

  /** The schema of one TypeScript type; `owner` is "Type.member" for the numeric rule. */
  convert(node, owner) {
    switch (node.kind) {
      case ts.SyntaxKind.StringKeyword:
        return { type: "string" };
      case ts.SyntaxKind.BooleanKeyword:
        return { type: "boolean" };
      case ts.SyntaxKind.NumberKeyword:
        return FLOATS.has(`${this.name}:${owner}`) ? { type: "number" } : { type: "integer" };
      case ts.SyntaxKind.AnyKeyword:
        return { type: "any" };
      case ts.SyntaxKind.LiteralType:
        return { type: typeof node.literal.text === "string" ? "string" : "any" };
      case ts.SyntaxKind.ParenthesizedType:
        return this.convert(node.type, owner);
      case ts.SyntaxKind.ArrayType:
        return { type: "array", items: this.convert(node.elementType, owner) };
      case ts.SyntaxKind.TypeLiteral: {
        const index = node.members.find(ts.isIndexSignatureDeclaration);
        if (index) return { type: "map", additionalProperties: this.convert(index.type, owner) };
        return { type: "any" };
      }
      case ts.SyntaxKind.UnionType:
        return this.union(node.types.filter((t) => t.kind !== ts.SyntaxKind.UndefinedKeyword && !(ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword)), owner);
      case ts.SyntaxKind.TypeReference: {
        const name = node.typeName.getText();
        if (name === "pulumi.Input" || name === "Promise" || name === "pulumi.Output") {
          return this.convert(node.typeArguments[0], owner);
        }
        if (name.startsWith("inputs.")) return { type: "object", ref: this.objectRef(name.slice("inputs.".length)) };
        if (name.startsWith("enums.")) return { type: "string", enum: this.enumRef(name.slice("enums.".length)), enumStrict: true };
        if (name.startsWith("pulumi.asset.")) return { type: "asset" };
        return { type: "resource", resource: name };
      }
      default:
        throw new Error(`${this.name}: ${owner}: type ${ts.SyntaxKind[node.kind]} (${node.getText()}) is not handled`);
    }
  }

  union(members, owner) {
    const converted = members.map((m) => this.convert(m, owner));
    const enums = converted.filter((c) => c.enum);
    const plain = converted.filter((c) => !c.enum && c.type !== "resource");
    const resources = converted.filter((c) => c.type === "resource");
    if (converted.length === 1) {
      return converted[0].type === "resource" ? { type: "string", acceptsResource: converted[0].resource } : converted[0];
    }
    if (enums.length === 1 && plain.length === 1 && plain[0].type === "string" && resources.length === 0) {
      return { ...enums[0], enumStrict: false };
    }
    if (enums.length === 0 && plain.length === 1 && plain[0].type === "string" && resources.length > 0) {
      return { type: "string", acceptsResource: resources.map((r) => r.resource).join(" | ") };
    }
    if (enums.length === 0 && plain.length === 1 && resources.length === 0) {
      return plain[0];
    }
    return { type: "any", note: `union ${members.map((m) => m.getText()).join(" | ")}` };
  }

  properties(declaration, typeName) {
    return declaration.members.filter((m) => ts.isPropertySignature(m) || ts.isPropertyDeclaration(m)).map((m) => ({
      name: m.name.getText(),
      ...this.convert(m.type, `${typeName}.${m.name.getText()}`),
      required: !m.questionToken,
    }));
  }

  drainTypes() {
    while (this.queue.length > 0) {
      const ref = this.queue.shift();
      const declaration = this.inputTypes.get(ref);
      if (!declaration) throw new Error(`${this.name}: input type ${ref} not found in types/input.d.ts`);
      this.types[ref] = { properties: this.properties(declaration, ref) };
    }
  }
}

function tokenOf(jsFile, pattern) {
  const match = fs.readFileSync(jsFile, "utf8").match(pattern);
  if (!match) throw new Error(`no type token in ${jsFile}`);
  return match[1];
}

function shortToken(full) {
  const [pkg, module, name] = full.split(":");
  return `${pkg}:${module.split("/")[0]}:${name}`;
}

function requiredByConstructor(jsFile) {
  return [...fs.readFileSync(jsFile, "utf8").matchAll(/Missing required property '([^']+)'/g)].map((m) => m[1]);
}

const packs = JSON.parse(fs.readFileSync(path.join(work, "packs.json"), "utf8"));
const out = {
  _meta: {
    description: "Input and output property names of the Pulumi resources and functions Ferry's renderers emit, with types, required flags and enums, as Pulumi YAML spells them (camelCase). Read by tests/Stacks.Tests/Pulumi/ProviderSchema.cs.",
    generatedBy: "stacks/pulumi/schema/regenerate.sh (extract.mjs) from the npm packages below; do not edit by hand",
    sources: {},
    conventions: {
      type: "string | integer | number | boolean | any | asset | array (items) | map (additionalProperties; string keys) | object (ref -> types.input[ref])",
      required: "the Args interface member has no '?'; requiredPerJsConstructorCheck lists the SDK constructor's own 'Missing required property' checks. Provider-side value rules are not here: see src/Stacks/Pulumi/ProviderValueRules.cs.",
      integer: "the Node.js SDKs say only number; numbers are whole unless listed as real in extract.mjs (FLOATS), as the C# SDKs' Input<int> say for the ones used",
      enum: "enum name, values in <package>.enums; enumStrict false means any string is accepted too",
      acceptsResource: "the Node.js SDK also accepts that resource object; in YAML pass its id or name",
      tokens: "token is the short form Pulumi YAML accepts (pkg:module:Type); fullToken the canonical one",
    },
  },
};

for (const [name, spec] of Object.entries(SPEC)) {
  const pack = packs.find((p) => p.name === spec.npm);
  if (!pack) throw new Error(`packs.json has no ${spec.npm}`);
  const root = path.join(work, name, "package");
  const pkg = new Package(name, root);
  out._meta.sources[name] = { npmPackage: spec.npm, version: pack.version, tarball: pack.filename, integrity: pack.integrity };
  const resources = {};
  for (const [module, classes] of Object.entries(spec.resources)) {
    for (const cls of classes) {
      const base = path.join(root, module, lowerFirst(cls));
      const text = fs.readFileSync(`${base}.d.ts`, "utf8");
      const decls = declarations(parse(`${base}.d.ts`));
      const args = decls.get(`${cls}Args`);
      const klass = decls.get(cls);
      if (!args || !klass) throw new Error(`${name}: ${module}/${lowerFirst(cls)}.d.ts lacks ${cls} or ${cls}Args`);
      const fullToken = tokenOf(`${base}.js`, /__pulumiType = '([^']+)'/);
      const inputs = pkg.properties(args, cls);
      const apiVersion = text.match(/Uses Azure REST API version ([0-9a-z-]+)/);
      resources[cls] = {
        token: shortToken(fullToken),
        fullToken,
        source: { npmPackage: spec.npm, version: pack.version, file: `${module}/${lowerFirst(cls)}.d.ts` },
        requiredInputs: inputs.filter((i) => i.required).map((i) => i.name),
        requiredPerJsConstructorCheck: requiredByConstructor(`${base}.js`),
        inputs,
        allOutputNames: klass.members.filter((m) => ts.isPropertyDeclaration(m) && !m.modifiers?.some((x) => x.kind === ts.SyntaxKind.StaticKeyword)).map((m) => m.name.getText()),
        ...(apiVersion ? { azureApiVersion: apiVersion[1] } : {}),
      };
    }
  }
  const functions = {};
  for (const [module, names] of Object.entries(spec.functions)) {
    for (const fn of names) {
      const base = path.join(root, module, fn);
      const decls = declarations(parse(`${base}.d.ts`));
      const upper = fn[0].toUpperCase() + fn.slice(1);
      const fullToken = tokenOf(`${base}.js`, /invoke\("([^"]+)"/);
      functions[fn] = {
        token: shortToken(fullToken),
        fullToken,
        source: { npmPackage: spec.npm, version: pack.version, file: `${module}/${fn}.d.ts` },
        arguments: pkg.properties(decls.get(`${upper}Args`), `${upper}Args`),
        resultFields: pkg.properties(decls.get(`${upper}Result`), `${upper}Result`).map(({ required, ...field }) => field),
      };
    }
  }
  const providerDecls = declarations(parse(path.join(root, "provider.d.ts")));
  const provider = {
    source: { npmPackage: spec.npm, version: pack.version, file: "provider.d.ts (ProviderArgs)" },
    inputs: pkg.properties(providerDecls.get("ProviderArgs"), "ProviderArgs"),
    yamlType: `pulumi:providers:${name}`,
  };
  pkg.drainTypes();
  const sortedEnums = Object.fromEntries(Object.keys(pkg.enums).sort().map((k) => [k, pkg.enums[k]]));
  const sortedTypes = Object.fromEntries(Object.keys(pkg.types).sort().map((k) => [k, pkg.types[k]]));
  out[name] = { resources, functions, provider, types: { input: sortedTypes }, enums: sortedEnums };
}

process.stdout.write(JSON.stringify(out, null, 1) + "\n");
