CREATE SCHEMA IF NOT EXISTS identity;

-- People who log in at the shop. The login is the e-mail address, stored in lower case; the password only as a
-- DelegatingPasswordEncoder hash ({bcrypt}...), never in clear.
CREATE TABLE identity.user_account
(
  username      VARCHAR(254) PRIMARY KEY,
  password_hash VARCHAR(500) NOT NULL,
  role          VARCHAR(16)  NOT NULL CHECK (role IN ('customer', 'staff')),
  enabled       BOOLEAN      NOT NULL DEFAULT TRUE,
  created_at    TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp()
);

-- RSA keys that sign the tokens: the newest signs, the newest two are published in the JWKS. Shared by every
-- instance of the shop and kept across restarts.
CREATE TABLE identity.signing_key
(
  kid         VARCHAR(64) PRIMARY KEY,
  private_key TEXT        NOT NULL, -- PKCS#8, base64
  public_key  TEXT        NOT NULL, -- X.509 SubjectPublicKeyInfo, base64
  created_at  TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX signing_key_by_age ON identity.signing_key (created_at DESC);
