// The system SQLite 3 (Debian: libsqlite3-dev; macOS: the SDK's). Only ParameterScan imports it.
#include <sqlite3.h>
