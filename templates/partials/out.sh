# (partial) out KEY VALUE: reports a value to ferry as one "ferry-out KEY=VALUE" line; KEY comes from
# the templates' keys object (OutputKeys in C#), newlines in VALUE become spaces.
out() { printf 'ferry-out %s=%s\n' "$1" "$(printf '%s' "$2" | tr '\n' ' ')"; }
