"""Small browser databases built with sqlite3 on the browsers' real schemas (current versions).

Each maker returns the database bytes (and, where asked, the bytes of its -wal file, taken while
the writing connection is still open so the last transactions live only in the WAL).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

CHROME_SCHEMA = """
CREATE TABLE meta(key LONGVARCHAR NOT NULL UNIQUE PRIMARY KEY, value LONGVARCHAR);
CREATE TABLE urls(id INTEGER PRIMARY KEY AUTOINCREMENT,url LONGVARCHAR,title LONGVARCHAR,
  visit_count INTEGER DEFAULT 0 NOT NULL,typed_count INTEGER DEFAULT 0 NOT NULL,last_visit_time INTEGER NOT NULL,
  hidden INTEGER DEFAULT 0 NOT NULL);
CREATE TABLE visits(id INTEGER PRIMARY KEY AUTOINCREMENT,url INTEGER NOT NULL,visit_time INTEGER NOT NULL,
  from_visit INTEGER,external_referrer_url TEXT,transition INTEGER DEFAULT 0 NOT NULL,segment_id INTEGER,
  visit_duration INTEGER DEFAULT 0 NOT NULL,incremented_omnibox_typed_score BOOLEAN DEFAULT FALSE NOT NULL,
  opener_visit INTEGER,originator_cache_guid TEXT,originator_visit_id INTEGER,originator_from_visit INTEGER,
  originator_opener_visit INTEGER,is_known_to_sync BOOLEAN DEFAULT FALSE NOT NULL,
  consider_for_ntp_most_visited BOOLEAN DEFAULT FALSE NOT NULL,visited_link_id INTEGER DEFAULT 0 NOT NULL,
  app_id TEXT);
CREATE TABLE downloads (id INTEGER PRIMARY KEY,guid VARCHAR NOT NULL,current_path LONGVARCHAR NOT NULL,
  target_path LONGVARCHAR NOT NULL,start_time INTEGER NOT NULL,received_bytes INTEGER NOT NULL,
  total_bytes INTEGER NOT NULL,state INTEGER NOT NULL,danger_type INTEGER NOT NULL,
  interrupt_reason INTEGER NOT NULL,hash BLOB NOT NULL,end_time INTEGER NOT NULL,opened INTEGER NOT NULL,
  last_access_time INTEGER NOT NULL,transient INTEGER NOT NULL,referrer VARCHAR NOT NULL,
  site_url VARCHAR NOT NULL,embedder_download_data VARCHAR NOT NULL,tab_url VARCHAR NOT NULL,
  tab_referrer_url VARCHAR NOT NULL,http_method VARCHAR NOT NULL,by_ext_id VARCHAR NOT NULL,
  by_ext_name VARCHAR NOT NULL,by_web_app_id VARCHAR NOT NULL,etag VARCHAR NOT NULL,
  last_modified VARCHAR NOT NULL,mime_type VARCHAR(255) NOT NULL,original_mime_type VARCHAR(255) NOT NULL);
CREATE TABLE downloads_url_chains (id INTEGER NOT NULL,chain_index INTEGER NOT NULL,url LONGVARCHAR NOT NULL,
  PRIMARY KEY (id, chain_index));
CREATE TABLE keyword_search_terms (keyword_id INTEGER NOT NULL,url_id INTEGER NOT NULL,term LONGVARCHAR NOT NULL,
  normalized_term LONGVARCHAR NOT NULL);
"""

# 2024-03-01T10:00:00Z as Chrome (WebKit) time: microseconds since 1601-01-01.
WEBKIT_2024_03_01 = (1709287200 + 11644473600) * 1_000_000


def _db_bytes(path: Path, conn: sqlite3.Connection, wal: bool) -> tuple[bytes, bytes | None]:
    if wal:
        # Read while the connection is still open: the WAL holds the uncheckpointed commits.
        main = path.read_bytes()
        wal_bytes = Path(str(path) + "-wal").read_bytes()
        conn.close()
        return main, wal_bytes
    conn.close()
    return path.read_bytes(), None


def chrome_history(folder: Path, *, wal: bool = False) -> tuple[bytes, bytes | None]:
    """Two URLs, three visits, one download with a redirect chain, one search term.

    With ``wal=True`` the third visit and the search term are committed only to the WAL.
    """
    path = folder / "History"
    conn = sqlite3.connect(path)
    conn.executescript(CHROME_SCHEMA)
    if wal:
        conn.execute("PRAGMA journal_mode=WAL")
    t = WEBKIT_2024_03_01
    conn.execute("INSERT INTO meta VALUES ('version', '67')")
    conn.execute("INSERT INTO urls VALUES (1, 'https://www.example.org/', 'Example Domain', 2, 1, ?, 0)", (t + 60_000_000,))
    conn.execute("INSERT INTO urls VALUES (2, 'https://www.bing.com/search?q=how+to+wipe+a+disk', "
                 "'how to wipe a disk - Search', 1, 0, ?, 0)", (t + 120_000_000,))
    visit = ("INSERT INTO visits(id, url, visit_time, from_visit, transition) VALUES (?,?,?,?,?)")
    conn.execute(visit, (1, 1, t, 0, 0x30000001))              # typed, chain start+end
    conn.execute(visit, (2, 1, t + 60_000_000, 1, 0x30000008))  # reload
    conn.execute("INSERT INTO downloads VALUES (1, 'guid-1', '/tmp/x.crdownload', "
                 "'C:\\Users\\jdoe\\Downloads\\eraser.exe', ?, 5242880, 5242880, 1, 0, 0, X'', ?, 1, 0, 0, "
                 "'https://www.example.org/', '', '', '', '', 'GET', '', '', '', '', '', "
                 "'application/x-msdownload', 'application/octet-stream')", (t + 180_000_000, t + 185_000_000))
    conn.execute("INSERT INTO downloads_url_chains VALUES (1, 0, 'https://www.example.org/eraser.exe')")
    conn.execute("INSERT INTO downloads_url_chains VALUES (1, 1, 'https://cdn.example.org/eraser.exe')")
    conn.commit()
    if wal:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute(visit, (3, 2, t + 120_000_000, 0, 0x00000001))
    conn.execute("INSERT INTO keyword_search_terms VALUES (2, 2, 'how to wipe a disk', 'how to wipe a disk')")
    conn.commit()
    return _db_bytes(path, conn, wal)


FIREFOX_SCHEMA = """
CREATE TABLE moz_origins (id INTEGER PRIMARY KEY, prefix TEXT NOT NULL, host TEXT NOT NULL,
  frecency INTEGER NOT NULL, recalc_frecency INTEGER NOT NULL DEFAULT 0, alt_frecency INTEGER,
  recalc_alt_frecency INTEGER NOT NULL DEFAULT 0, UNIQUE (prefix, host));
CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url LONGVARCHAR, title LONGVARCHAR, rev_host LONGVARCHAR,
  visit_count INTEGER DEFAULT 0, hidden INTEGER DEFAULT 0 NOT NULL, typed INTEGER DEFAULT 0 NOT NULL,
  frecency INTEGER DEFAULT -1 NOT NULL, last_visit_date INTEGER, guid TEXT, foreign_count INTEGER DEFAULT 0 NOT NULL,
  url_hash INTEGER DEFAULT 0 NOT NULL, description TEXT, preview_image_url TEXT, site_name TEXT,
  origin_id INTEGER REFERENCES moz_origins(id), recalc_frecency INTEGER NOT NULL DEFAULT 0, alt_frecency INTEGER,
  recalc_alt_frecency INTEGER NOT NULL DEFAULT 0);
CREATE TABLE moz_historyvisits (id INTEGER PRIMARY KEY, from_visit INTEGER, place_id INTEGER, visit_date INTEGER,
  visit_type INTEGER, session INTEGER, source INTEGER DEFAULT 0 NOT NULL, triggeringPlaceId INTEGER);
CREATE TABLE moz_bookmarks (id INTEGER PRIMARY KEY, type INTEGER, fk INTEGER DEFAULT NULL, parent INTEGER,
  position INTEGER, title LONGVARCHAR, keyword_id INTEGER, folder_type TEXT, dateAdded INTEGER,
  lastModified INTEGER, guid TEXT, syncStatus INTEGER NOT NULL DEFAULT 0, syncChangeCounter INTEGER NOT NULL DEFAULT 1);
CREATE TABLE moz_anno_attributes (id INTEGER PRIMARY KEY, name VARCHAR(32) UNIQUE NOT NULL);
CREATE TABLE moz_annos (id INTEGER PRIMARY KEY, place_id INTEGER NOT NULL, anno_attribute_id INTEGER,
  content LONGVARCHAR, flags INTEGER DEFAULT 0, expiration INTEGER DEFAULT 0, type INTEGER DEFAULT 0,
  dateAdded INTEGER DEFAULT 0, lastModified INTEGER DEFAULT 0);
CREATE TABLE moz_items_annos (id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL, anno_attribute_id INTEGER,
  content LONGVARCHAR, flags INTEGER DEFAULT 0, expiration INTEGER DEFAULT 0, type INTEGER DEFAULT 0,
  dateAdded INTEGER DEFAULT 0, lastModified INTEGER DEFAULT 0);
"""

# 2024-03-01T10:00:00Z as PRTime (microseconds since 1970).
PRTIME_2024_03_01 = 1709287200 * 1_000_000


def firefox_places(folder: Path) -> bytes:
    """Two places, two visits (one a link from the other), one bookmark in a folder with a
    description, one download kept as annotations (Firefox 21+)."""
    path = folder / "places.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(FIREFOX_SCHEMA)
    t = PRTIME_2024_03_01
    conn.execute("INSERT INTO moz_places(id, url, title, visit_count, typed, last_visit_date) VALUES "
                 "(1, 'https://duckduckgo.com/?q=tor+browser', 'tor browser at DuckDuckGo', 1, 1, ?)", (t,))
    conn.execute("INSERT INTO moz_places(id, url, title, visit_count, typed, last_visit_date) VALUES "
                 "(2, 'https://www.torproject.org/download/', 'Download Tor Browser', 1, 0, ?)", (t + 5_000_000,))
    conn.execute("INSERT INTO moz_places(id, url, title, visit_count) VALUES "
                 "(3, 'https://dist.torproject.org/torbrowser/tor-browser.exe', NULL, 0)")
    conn.execute("INSERT INTO moz_historyvisits(id, from_visit, place_id, visit_date, visit_type) VALUES (1,0,1,?,2)", (t,))
    conn.execute("INSERT INTO moz_historyvisits(id, from_visit, place_id, visit_date, visit_type) VALUES (2,1,2,?,1)",
                 (t + 5_000_000,))
    bm = "INSERT INTO moz_bookmarks(id, type, fk, parent, position, title, dateAdded, lastModified) VALUES (?,?,?,?,?,?,?,?)"
    conn.execute(bm, (1, 2, None, 0, 0, "", t, t))
    conn.execute(bm, (2, 2, None, 1, 1, "toolbar", t, t))
    conn.execute(bm, (3, 2, None, 2, 0, "Privacy", t, t))
    conn.execute(bm, (4, 1, 2, 3, 0, "Download Tor Browser", t + 6_000_000, t + 7_000_000))
    conn.execute("INSERT INTO moz_anno_attributes VALUES (1, 'bookmarkProperties/description')")
    conn.execute("INSERT INTO moz_anno_attributes VALUES (2, 'downloads/destinationFileURI')")
    conn.execute("INSERT INTO moz_anno_attributes VALUES (3, 'downloads/metaData')")
    conn.execute("INSERT INTO moz_items_annos(item_id, anno_attribute_id, content) VALUES (4, 1, 'get it here')")
    conn.execute("INSERT INTO moz_annos(place_id, anno_attribute_id, content, dateAdded) VALUES "
                 "(3, 2, 'file:///C:/Users/jdoe/Downloads/tor-browser%20setup.exe', ?)", (t + 8_000_000,))
    conn.execute("INSERT INTO moz_annos(place_id, anno_attribute_id, content, dateAdded) VALUES "
                 "(3, 3, '{\"state\":1,\"endTime\":1709287230000,\"fileSize\":104857600}', ?)", (t + 8_000_000,))
    conn.commit()
    conn.close()
    return path.read_bytes()


FIREFOX_LEGACY_DOWNLOADS_SCHEMA = """
CREATE TABLE moz_downloads (id INTEGER PRIMARY KEY, name TEXT, source TEXT, target TEXT, tempPath TEXT,
  startTime INTEGER, endTime INTEGER, state INTEGER, referrer TEXT, entityID TEXT,
  currBytes INTEGER NOT NULL DEFAULT 0, maxBytes INTEGER NOT NULL DEFAULT -1, mimeType TEXT,
  preferredApplication TEXT, preferredAction INTEGER NOT NULL DEFAULT 0, autoResume INTEGER NOT NULL DEFAULT 0);
"""

SAFARI_SCHEMA = """
CREATE TABLE history_items (id INTEGER PRIMARY KEY AUTOINCREMENT,url TEXT NOT NULL UNIQUE,domain_expansion TEXT NULL,
  visit_count INTEGER NOT NULL,daily_visit_counts BLOB NOT NULL,weekly_visit_counts BLOB NULL,
  autocomplete_triggers BLOB NULL,should_recompute_derived_visit_counts INTEGER NOT NULL,
  visit_count_score INTEGER NOT NULL);
CREATE TABLE history_visits (id INTEGER PRIMARY KEY AUTOINCREMENT,
  history_item INTEGER NOT NULL REFERENCES history_items(id) ON DELETE CASCADE,visit_time REAL NOT NULL,
  title TEXT NULL,load_successful BOOLEAN NOT NULL DEFAULT 1,http_non_get BOOLEAN NOT NULL DEFAULT 0,
  synthesized BOOLEAN NOT NULL DEFAULT 0,redirect_source INTEGER NULL UNIQUE REFERENCES history_visits(id) ON DELETE CASCADE,
  redirect_destination INTEGER NULL UNIQUE REFERENCES history_visits(id) ON DELETE CASCADE,
  origin INTEGER NOT NULL DEFAULT 0,generation INTEGER NOT NULL DEFAULT 0,attributes INTEGER NOT NULL DEFAULT 0,
  score INTEGER NOT NULL DEFAULT 0);
"""

# 2024-03-01T10:00:00Z as Cocoa time (seconds since 2001-01-01).
COCOA_2024_03_01 = 1709287200 - 978307200


def safari_history(folder: Path) -> bytes:
    """Two items, three visits: a plain one, a redirect source and the redirect target."""
    path = folder / "History.db"
    conn = sqlite3.connect(path)
    conn.executescript(SAFARI_SCHEMA)
    c = COCOA_2024_03_01
    item = "INSERT INTO history_items(id, url, domain_expansion, visit_count, daily_visit_counts," \
           " should_recompute_derived_visit_counts, visit_count_score) VALUES (?,?,?,?,X'',0,100)"
    conn.execute(item, (1, "http://example.com/", "example", 2))
    conn.execute(item, (2, "https://www.example.com/", "example", 1))
    visit = "INSERT INTO history_visits(id, history_item, visit_time, title, redirect_source," \
            " redirect_destination) VALUES (?,?,?,?,?,?)"
    conn.execute(visit, (1, 1, c + 0.25, "Example", None, None))
    conn.execute(visit, (2, 1, c + 60.5, None, None, 3))
    conn.execute(visit, (3, 2, c + 60.75, "Example Domain", 2, None))
    conn.commit()
    conn.close()
    return path.read_bytes()
