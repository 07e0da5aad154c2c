// Starts kinesalite with its own command-line flags. kinesalite rethrows a request's 'aborted' error, which kills the
// server whenever a client (the Flink consumer of a cancelled job) drops a connection mid-request: ignore exactly that.
process.on('uncaughtException', function(err) {
  if (err && err.code === 'ECONNRESET') return
  console.error(err)
  process.exit(1)
})
require('kinesalite/cli.js')
