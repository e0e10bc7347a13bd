// Go modules that need cgo (a C compiler at build time and, unless linked statically, libc at run time).

export const GO_CGO_MODULES: Record<string, string> = {
  'github.com/mattn/go-sqlite3': 'wraps the SQLite C library through cgo; without cgo it builds but fails at run time',
  'github.com/confluentinc/confluent-kafka-go': 'links librdkafka through cgo',
  'github.com/google/gopacket/pcap': 'links libpcap through cgo',
  'gocv.io/x/gocv': 'links OpenCV through cgo',
  'github.com/tecbot/gorocksdb': 'links RocksDB through cgo',
  'github.com/linxgnu/grocksdb': 'links RocksDB through cgo',
  'github.com/miekg/pkcs11': 'loads PKCS#11 modules through cgo (dlopen)',
  'github.com/valyala/gozstd': 'links zstd through cgo',
  'github.com/DataDog/zstd': 'links zstd through cgo',
  'github.com/go-gl/glfw': 'links GLFW and OpenGL through cgo',
  'github.com/godror/godror': 'loads Oracle Instant Client (glibc only) through cgo',
  'github.com/shirou/w32': 'Windows only',
};

/** Pure-Go-looking modules that import a cgo module: a direct requirement of one brings it in. */
export const GO_CGO_WRAPPERS: Record<string, string> = {
  'gorm.io/driver/sqlite': 'github.com/mattn/go-sqlite3',
  'github.com/jinzhu/gorm': 'github.com/mattn/go-sqlite3',
};

/** Modules whose presence means outgoing HTTPS (the binary needs a CA bundle). */
export const GO_TLS_MODULES = [
  'github.com/aws/aws-sdk-go', 'cloud.google.com/go', 'google.golang.org/api', 'github.com/stripe/stripe-go',
  'github.com/go-resty/resty', 'github.com/slack-go/slack', 'github.com/Azure/azure-sdk-for-go',
];
