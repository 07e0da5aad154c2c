// Starts s3rver (in-process S3, objects in a directory) on the given loopback port. Path-style only: the tests and the
// job address buckets as http://127.0.0.1:<port>/<bucket>/<key>.
const S3rver = require('s3rver')
const FilesystemStore = require('s3rver/lib/stores/filesystem')
const S3Object = require('s3rver/lib/models/object')
const { walk } = require('s3rver/lib/utils')

// s3rver 3.7.1 lists with a delimiter wrongly: it does not descend below a would-be common prefix, so a key two or
// more levels below the prefix (AWSLogs/<account>/vpcflowlogs/...) yields no CommonPrefixes at all, and a "folder"
// looks empty. Hadoop's S3A lists folders exactly that way. Listing as S3 does: keys in order, each key under a
// delimiter folded into its common prefix, keys and prefixes together counted against max-keys.
FilesystemStore.prototype.listObjects = async function (bucket, options) {
  const { delimiter = '', startAfter = '', prefix = '', maxKeys = Infinity } = options
  const bucketPath = this.getBucketPath(bucket)
  const suffix = '._S3rver_object'
  const keys = []
  for (const file of walk(bucketPath)) {
    if (!file.endsWith(suffix)) continue
    const key = FilesystemStore.decodeKeyPath(file.slice(bucketPath.length + 1, -suffix.length))
    if (key > startAfter && key.startsWith(prefix)) keys.push(key)
  }
  keys.sort()
  const found = []
  const commonPrefixes = []
  let isTruncated = false
  for (const key of keys) {
    const idx = delimiter ? key.slice(prefix.length).indexOf(delimiter) : -1
    const common = idx === -1 ? null : key.slice(0, prefix.length + idx + delimiter.length)
    if (common !== null && commonPrefixes[commonPrefixes.length - 1] === common) continue
    if (found.length + commonPrefixes.length >= maxKeys) {
      isTruncated = true
      break
    }
    if (common !== null) commonPrefixes.push(common)
    else found.push(key)
  }
  const objects = []
  for (const key of found) {
    objects.push(new S3Object(bucket, key, null, await this.getMetadata(bucket, key)))
  }
  return { objects, commonPrefixes, isTruncated }
}

const [port, directory] = process.argv.slice(2)
new S3rver({ port: Number(port), address: '127.0.0.1', directory, silent: true, vhostBuckets: false })
  .run()
  .then(() => console.log('s3rver listening on ' + port))
  .catch(err => { console.error(err); process.exit(1) })
