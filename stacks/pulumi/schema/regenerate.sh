#!/bin/sh
# Regenerates provider-inputs.json from the providers' Node.js SDKs on the npm registry, at the versions the
# programs pin (src/Stacks/Pulumi/ProviderVersions.cs). Needs node and npm, and the registry; nothing else.
#   stacks/pulumi/schema/regenerate.sh            # writes provider-inputs.json beside this script
# Then run the schema tests: dotnet test tests/Stacks.Tests --filter FullyQualifiedName~Schema
set -eu
here=$(cd "$(dirname "$0")" && pwd)
versions="$here/../../../src/Stacks/Pulumi/ProviderVersions.cs"
version() { sed -n "s/.*const string $1 = \"\\([0-9.]*\\)\";.*/\\1/p" "$versions"; }
aws=$(version Aws)
gcp=$(version Gcp)
azure=$(version AzureNative)
[ -n "$aws" ] && [ -n "$gcp" ] && [ -n "$azure" ] || { echo "regenerate.sh: cannot read the versions from $versions" >&2; exit 1; }
for tool in node npm tar; do
  command -v "$tool" >/dev/null 2>&1 || { echo "regenerate.sh: $tool is not installed" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
echo "regenerate.sh: npm pack @pulumi/aws@$aws @pulumi/gcp@$gcp @pulumi/azure-native@$azure" >&2
npm pack --json --silent "@pulumi/aws@$aws" "@pulumi/gcp@$gcp" "@pulumi/azure-native@$azure" > packs.json
# Only the modules the renderers use, the shared types and the provider (azure-native alone unpacks to 100 MB).
unpack() {
  dir=$1
  tarball=$2
  shift 2
  patterns=""
  mkdir -p "$dir"
  for module in "$@"; do patterns="$patterns package/$module/*"; done
  # shellcheck disable=SC2086 # one pattern per word, expanded by tar, not the shell
  set -f
  tar -xzf "$tarball" -C "$dir" --wildcards $patterns 'package/types/*' 'package/provider.*' 'package/package.json'
  set +f
}
unpack aws "pulumi-aws-$aws.tgz" ec2 vpc
unpack gcp "pulumi-gcp-$gcp.tgz" compute
unpack azure-native "pulumi-azure-native-$azure.tgz" network compute resources
# The TypeScript compiler only parses the SDKs' declaration files; 5.9 is the last with a JavaScript API.
npm install --silent --no-save --no-audit --no-fund --prefix "$work/ts" typescript@5.9.3 >&2
node "$here/extract.mjs" "$work" > "$work/provider-inputs.json"
mv "$work/provider-inputs.json" "$here/provider-inputs.json"
echo "regenerate.sh: wrote $here/provider-inputs.json" >&2
