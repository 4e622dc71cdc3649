"""The pre-inspection request for information: on notification the area's nominated contact
receives the framework's list of items, each due a number of working days after day 1, and
uploads the documents; the team downloads them and the lead sees what is late."""
