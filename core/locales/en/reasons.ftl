## Why input was refused: the $detail of error-invalid-input. Arguments are limits, counts, line
## numbers, codes of a format and other reason-field-* messages, never the user's values.

# Joins several reasons (an import's problems); a string literal keeps the space.
reason-list-separator = {"; "}
reason-unknown-code = unknown { $field } (expected one of: { $expected })
reason-text-too-long = { $field } is longer than { $max } characters
reason-text-length = { $field } must be 1 to { $max } characters without control characters

## Field names, shown inside the reasons above
reason-field-label = label
reason-field-website = website
reason-field-phone = phone
reason-field-notes = notes
reason-field-note = note
reason-field-purpose = purpose
reason-field-evidence = evidence
reason-field-detail-kind = detail kind
reason-field-holder-category = holder category
reason-field-disclosure-channel = disclosure channel
reason-field-disclosure-status = disclosure status
reason-field-name = name
reason-field-bank = bank
reason-field-request-text = request text
reason-field-relationship = relationship
reason-field-phone-source = phone source
reason-field-red-flag = red flag
reason-field-flag-origin = flag origin
reason-field-reminder = reminder
reason-field-channel = channel
reason-field-step = step
reason-field-status = status
reason-field-step-state = step state
reason-field-outcome = outcome
reason-field-number-source = number source
reason-field-a-party = a party
reason-field-a-number = a number
reason-field-a-number-or-party = a number or party
reason-field-number-called = the number called
reason-field-where-number-from = where the number came from
reason-field-call-outcome = the outcome of the call
reason-field-who-confirmed = who confirmed
reason-field-the-outcome = the outcome

## Screening
reason-link-empty = the link is empty
reason-link-too-long = the link is too long
reason-not-a-link = not a link
reason-link-no-host = the link has no host

## Inventory: details
reason-value-empty = { $kind } value is empty
reason-value-too-long = { $kind } value is longer than { $max } characters
reason-id-number-length = id_number must have 18 characters (GB 11643)
reason-id-number-digits = id_number must be 17 digits followed by a digit or X (GB 11643)
reason-id-number-birth-date = id_number contains an impossible birth date (GB 11643)
reason-id-number-check-digit = id_number check digit does not match (GB 11643)
reason-bank-card-length = bank_card must be 12 to 19 digits
reason-bank-card-luhn = bank_card fails the Luhn check
reason-phone-digits-only = phone must contain only digits after an optional +
reason-phone-country-code = phone must be a mainland mobile number or start with + and a country code (E.164)
reason-phone-length = phone must have 8 to 15 digits with a country code (E.164)
reason-phone-mainland-mobile = phone: a mainland mobile number has 11 digits starting 13–19
reason-email-at = email must contain @
reason-email-format = email must look like name@example.com
reason-date-of-birth = date_of_birth must be a real date written YYYY-MM-DD
reason-other-needs-label = a detail of kind other needs a label

## Inventory: holders, disclosures, tracing, letters
reason-holder-name-empty = holder name is empty
reason-holder-name-too-long = holder name is longer than { $max } characters
reason-website-invalid = website is not a valid domain or URL
reason-website-ip = website must be a domain name, not an IP address
reason-website-no-registrable-domain = website has no registrable domain
reason-holder-phone = holder phone must be 3 to 20 digits with an optional +
reason-date-format = date must be a real date written YYYY-MM-DD
reason-quote-nothing = quote at least one kind or value
reason-law-unknown = law must be pipl or gdpr
reason-nothing-to-delete = this holder has nothing left to delete
reason-request-close-outcome = a request is closed as completed or refused

## Inventory: import
reason-import-too-large = file is larger than { $max } bytes
reason-import-unknown-column = unknown column (expected: { $expected })
reason-import-csv-header = unreadable CSV header
reason-import-no-record-column = the header needs a record column
reason-import-csv-row = malformed CSV row (wrong number of fields or bad quoting)
reason-import-json-array = JSON import must be an array of objects
reason-import-json-object = each element must be a JSON object
reason-import-json-value = values must be strings, numbers or booleans
reason-import-json-separator = expected , or ] after an element
reason-import-json-trailing = unexpected text after the array
reason-import-bool = { $column } must be true or false
reason-import-ref-twice = ref is used twice in this file
reason-import-record = record must be detail, holder or disclosure
reason-import-column-not-for-record = column { $column } does not apply to a { $record } row
reason-import-column-required = { $column } is required
reason-import-unknown-ref = unknown { $record } (not a ref earlier in the file nor an existing id)
reason-import-row-refused = the row was refused ({ $code })
reason-import-line = line { $line }: { $problem }
reason-import-more = and { $count } more
reason-import-rejected = import rejected, nothing was imported: { $problems }
reason-import-no-rows = the file has no rows

## Payments
reason-step-not-required = this step is not required for this check
reason-stop-needs-override = only an override with a typed reason lifts stop_and_report
reason-step-needs = this step needs { $what }
reason-step-refuses = { $what } does not apply to this step
reason-requester-self-confirm = the requester cannot confirm their own request
reason-step-confirm-only = this step can only be confirmed
reason-override-reason-length = an override needs a typed reason of { $min } to { $max } characters
reason-payee-phone-chars = phone number may contain only digits, spaces, +, -, ( and )
reason-payee-phone-length = phone number must have 3 to 17 digits
reason-account-chars = account may contain only letters, digits, spaces and -
reason-account-length = account must have 6 to 34 letters or digits
reason-bank-without-account = bank given without an account
reason-payee-number-known = this number is already in the payee's entry
reason-currency = currency is not an ISO 4217 code
reason-amount-positive = amount must be positive
reason-amount-format = amount must be a plain decimal number such as 5000.00
reason-amount-too-large = amount is too large
reason-amount-decimals = amount has more decimals than the currency allows
reason-relationship-required = a relationship is required with a name
reason-payee-or-name = give either a payee id or a name, not both

## Alerts
reason-signature-not-text = signature is not text
reason-not-a-url = not a URL
reason-feed-https = feeds are fetched over https
reason-push-not-vigil = push payload is not a Vigil push object
reason-push-version = unsupported push payload version
reason-push-no-cap = alert push without cap
reason-push-type = unknown push payload type
reason-scope-entry = a scope entry is a sender or @domain without spaces
reason-publisher-name = the publisher needs a name
reason-key-already-trusted = this key is already in the trust store
reason-sms-empty = empty SMS body

## Command line and FFI arguments
reason-cli-locale = --locale must be zh-CN or en
reason-cli-now = --now must be an RFC 3339 date-time
reason-cli-passphrase-stdin = could not read the passphrase from standard input
reason-cli-no-terminal = no terminal to ask for a secret (use { $alternative })
reason-cli-passphrase-short = the passphrase needs at least { $min } characters
reason-cli-detail-or-kind = give --detail or --kind
reason-cli-value-format = --value must be KIND=VALUE
reason-cli-outcome = --outcome must be completed or refused
reason-cli-detail-or-holder = give --detail or --holder
reason-cli-import-utf8 = the import file cannot be read as UTF-8 text
reason-cli-import-format = --format must be csv or json (or use a .csv/.json file)
reason-cli-signature-file = the signature file is not text
reason-cli-received = --received must be an RFC 3339 date-time
reason-cli-key-file = the key file is not text
reason-cli-cap-category = unknown CAP category
reason-cli-severity = unknown severity (Extreme, Severe, Moderate, Minor)
reason-cli-family = unknown scam family code
reason-utc-offset = UTC offset out of range

# What was not found (`Error::NotFound`), inside error-not-found.
reason-thing-alert = alert
reason-thing-check = payment check
reason-thing-deletion-request = deletion request
reason-thing-detail = detail
reason-thing-disclosure = disclosure
reason-thing-feed-source = feed source
reason-thing-file = file
reason-thing-holder = holder
reason-thing-payee = payee
reason-thing-publisher = publisher
reason-thing-vault = vault (run `vigil init` first)

# Alert feeds: why a CAP document, a minisign signature or a download was refused.
reason-cap-not-utf8 = the document is not UTF-8
reason-cap-malformed-xml = the XML is malformed
reason-cap-doctype = DOCTYPE declarations are refused
reason-cap-unknown-entity = the XML uses an undeclared entity
reason-cap-too-complex = the XML is nested too deeply or has too many elements
reason-cap-empty = the document has no root element
reason-cap-not-cap = the document is not a CAP 1.1/1.2 alert or an Atom feed
reason-cap-missing = the required element <{ $element }> is missing
reason-cap-invalid = the element <{ $element }> has an invalid value
reason-cap-atom-content = an Atom entry does not carry an inline CAP alert
reason-minisign-malformed = malformed minisign { $part }
reason-minisign-legacy = legacy (non-prehashed) signature
reason-minisign-other-key = signed by a different key
reason-minisign-mismatch = the signature does not match the content
reason-minisign-comment-tampered = the trusted comment does not match its global signature
reason-minisign-comment-field = the trusted comment lacks a valid { $field }
reason-network-connection-failed = the connection failed
reason-network-connection-broke = the connection broke
reason-network-certificate = the server's certificate is not trusted
reason-network-http-status = the server answered HTTP { $status }
reason-network-unexpected-not-modified = the server answered "not modified" for a signature

# Error::InvalidTransition: from one state code to another.
reason-transition = { $from } cannot become { $to }

# The payee book.
reason-payee-number-unknown = this payee has no such call-back number
reason-payee-last-number = a payee keeps at least one call-back number
reason-payee-in-open-check = a check that is still open relies on this payee; finish or abandon it first
