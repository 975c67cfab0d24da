#!/bin/bash
# abm.sh N OUT: alternating real moves, new (/work/main) vs old (/work/wt-old), directions balanced
n=$1; out=$2; mkdir -p $out
where=$(cd /work/main && ./ferry app ls 2>/dev/null | grep -o -E "(aws|gcp)-w1" | head -1)
for i in $(seq 1 $n); do
  if (( i % 2 )); then order="new old"; else order="old new"; fi
  for v in $order; do
    if [ $v = new ]; then dir=/work/main; else dir=/work/wt-old; fi
    if [ "$where" = aws-w1 ]; then to=gcp-w1; else to=aws-w1; fi
    (cd $dir && ./ferry migrate wordpress --from $where --to $to --strategy hybrid --probe 400 --runs $out/$v --json > $out/$v-$i.json 2>$out/$v-$i.err)
    where=$to
    python3 - $out/$v-$i.json $v $i <<'PY'
import json,sys
try: r=json.load(open(sys.argv[1]))
except Exception as e: print(sys.argv[2], sys.argv[3], 'ERR', e); sys.exit()
st={s['step']:s.get('seconds') for s in r['steps']}
m={}
for s in r['steps']: m.update(s.get('metrics') or {})
p=r.get('probe') or {}
print(sys.argv[2], sys.argv[3], r['from'], 'down', r.get('downtimeSeconds'), 'ck', st.get('checkpoint'), 'tr', st.get('transfer'), 'rs', st.get('restore'), 'sent', m.get('bytes_sent'), r['outcome'], 'gap', p.get('clientGapSeconds', p.get('gapSeconds')), 'failed', p.get('failed'))
PY
  done
done
