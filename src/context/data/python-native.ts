// Python distributions whose C extensions need system libraries at build or run time, or have no
// musllinux wheel, so pip compiles them on Alpine (or fails). Each with the reason; `below` limits
// the entry to versions older than the one given (newer ones publish musllinux wheels).

export interface KnownCExtension {
  reason: string;
  below?: string;
}

export const PYTHON_NATIVE: Record<string, KnownCExtension> = {
  psycopg2: { reason: 'source-only: compiles against libpq (pg_config, gcc); psycopg2-binary bundles libpq in its wheels' },
  mysqlclient: { reason: 'source-only: compiles against libmysqlclient/libmariadb and needs it at run time' },
  'mysql-python': { reason: 'source-only, compiles against libmysqlclient (unmaintained; use mysqlclient)' },
  lxml: { reason: 'older releases publish no musllinux wheel, so pip compiles it against libxml2 and libxslt', below: '5.0' },
  numpy: { reason: 'no musllinux wheels before 1.25: pip compiles it with a C toolchain and BLAS', below: '1.25' },
  pandas: { reason: 'no musllinux wheels before 2.0: a long C/Cython compile on Alpine', below: '2.0' },
  scipy: { reason: 'no musllinux wheels before 1.9: needs Fortran, BLAS and LAPACK to compile', below: '1.9' },
  'python-ldap': { reason: 'source-only: compiles against OpenLDAP and Cyrus SASL' },
  pycurl: { reason: 'compiles against libcurl and its TLS library' },
  uwsgi: { reason: 'source-only: compiles the uWSGI server in C at install' },
  'mod-wsgi': { reason: 'compiles against Apache httpd' },
  'cx-oracle': { reason: 'loads Oracle Instant Client, which is built for glibc only' },
  pyodbc: { reason: 'links unixODBC; vendor ODBC drivers are usually built for glibc' },
  m2crypto: { reason: 'SWIG wrapper compiled against OpenSSL' },
  pygraphviz: { reason: 'compiles against Graphviz' },
  gssapi: { reason: 'compiles against the system Kerberos (GSSAPI) library' },
  'python-snappy': { reason: 'compiles against libsnappy', below: '0.7' },
  pymssql: { reason: 'links FreeTDS' },
};

/** Normalized name (PEP 503: lower case, runs of -_. as -). */
export function normalizePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
