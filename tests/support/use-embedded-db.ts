// Jest setup for the "embedded" project: the same tests, on PGlite instead of the server.
process.env.TEST_DB = 'embedded';
