alerts-trusted = Trusted { $name } (key { $key_id }).
alerts-revoked = Publisher revoked: its feeds are no longer accepted.
alerts-archived = Alert archived.
alerts-status-fresh = { $name }: up to date (feed { $seq }).
alerts-status-stale = { $name }: STALE since { $since }. The feed has not been renewed; alerts may be outdated or withheld.
alerts-imported = Accepted { $accepted }, duplicates { $duplicates }, rejected { $rejected }.
alerts-unchanged = The feed has not changed since the last import.
alerts-none = No alerts.
alerts-damaged = { $count ->
    [one] One stored alert could not be read (damaged or altered on disk) and is not listed; `vigil vault verify` names it.
   *[other] { $count } stored alerts could not be read (damaged or altered on disk) and are not listed; `vigil vault verify` names them.
}
alerts-inactive = no longer in force
alerts-unverified = This alert was not covered by a trusted signature.
alerts-sms-not-official = This sender is not an official number; check the message itself before trusting it.
alerts-sms-plausible = From an official number and consistent with its rules. Sender numbers can be spoofed, so never act on a link or request in an SMS: contact the organisation yourself.
alerts-sms-forged = This message uses an official number but is forged: { $reasons }. Do not reply, call or open links.
alerts-sms-flag-link = real messages from this number never contain links
alerts-sms-flag-foreign-link = it links to a website that is not the sender's official domain
alerts-sms-flag-phone = real messages from this number never give a phone number to call
alerts-sms-flag-messenger = real messages from this number never ask you to add a QQ or WeChat account
alerts-sms-event = Official SMS (unverified)
alerts-sync-failed = failed ({ $code })
