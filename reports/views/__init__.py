"""Report pages, by concern: the team's report of an inspection (`management`), its versions
(`versions`), and the public register with its feed, CSV and signed downloads (`public`)."""
