"""The retention schedule: how long each kind of record about an inspection is kept after the
inspection ends (its report is published, or it is cancelled), what then happens to it, the
daily task that applies it, and the legal hold that suspends it."""
