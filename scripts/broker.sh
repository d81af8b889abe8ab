# Shared by the example, the benchmarks and the fault suite (sourced, not run): a standalone Artemis broker
# instance of the caller's own, on loopback, core protocol only (the other protocols' ports may belong to
# other brokers on the machine).
#
#   broker_create TAG ARTEMIS_HOME INSTANCE_DIR PORT [OPTION...]   creates the instance unless it exists (the
#                                                       options go to 'artemis create')
#   broker_start TAG INSTANCE_DIR PORT                  starts it (unless the port answers) and waits for it
#   broker_stop INSTANCE_DIR                            stops it, quietly

broker_create() {
  local tag=$1 home=$2 dir=$3 port=$4
  shift 4
  [ -f "$dir/etc/broker.xml" ] && return 0
  echo "[$tag] creating the broker instance in $dir"
  rm -rf "$dir"
  "$home/bin/artemis" create "$dir" --silent --user outbox --password outbox \
    --require-login --no-web --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor \
    --no-hornetq-acceptor --host 127.0.0.1 --default-port "$port" "$@" >/dev/null
}

broker_up() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

broker_start() {
  local tag=$1 dir=$2 port=$3
  if ! broker_up "$port"; then
    echo "[$tag] starting the broker on 127.0.0.1:$port (log: $dir/log/artemis.log)"
    "$dir/bin/artemis-service" start >/dev/null
    for _ in $(seq 1 60); do
      broker_up "$port" && break
      sleep 1
    done
  fi
  if ! broker_up "$port"; then
    echo "[$tag] the broker did not start; see $dir/log/artemis.log or run $dir/bin/artemis run" >&2
    return 1
  fi
}

broker_stop() { "$1/bin/artemis-service" stop >/dev/null 2>&1 || true; }
