# (partial) Waits until container $id answers its health check (see app-answers.sh); needs wait.sh.
{{ include "partials/app-answers.sh" }}
if [ -n "$port" ]; then
  wait_for {{ limits.answer | q }} "$id to answer on $address:$port" app_answers
fi
