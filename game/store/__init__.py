"""Store: progress, saves and quiz history in SQLite.

`progress` gathers the progress database's parts under one name: `schema` (tables,
migrations, file checks), `rows` (what a row read back must hold), `statements` (the
writes), `database` (the `Store`), `opening` (opening the file, recovering from damage),
`names` (profile names). `games` saves and resumes games and quizzes through it; `report`
merges data folders for the teacher; `settings` keeps the teacher's settings.
"""
