# One throwaway PostgreSQL server for the whole test run (scripts/test-postgres.sh).
# CTest starts it before the first test that requires the `postgres` fixture and stops it
# after the last one, also when only such tests are selected (ctest -R …).
#
# A suite opts in with
#   gtest_discover_tests(<target> PROPERTIES ${SNAG_POSTGRES_SERVER_PROPERTIES})
# and its tests find the server's URL in the file SNAG_TEST_POSTGRES_URL_FILE names
# (tests/unit/support/postgres_test_database.hpp reads it). Include this file before the
# suites' add_subdirectory, so that they see the variables.
set(SNAG_TEST_POSTGRES_DIR ${CMAKE_BINARY_DIR}/test-postgres)
set(snag_test_postgres_script ${CMAKE_CURRENT_LIST_DIR}/../scripts/test-postgres.sh)

add_test(NAME postgres_start COMMAND bash ${snag_test_postgres_script} start ${SNAG_TEST_POSTGRES_DIR})
set_tests_properties(postgres_start PROPERTIES FIXTURES_SETUP postgres TIMEOUT 120)
add_test(NAME postgres_stop COMMAND bash ${snag_test_postgres_script} stop ${SNAG_TEST_POSTGRES_DIR})
set_tests_properties(postgres_stop PROPERTIES FIXTURES_CLEANUP postgres TIMEOUT 60)

# Test code finds the URL file here (SNAG_TEST_POSTGRES_URL_FILE in the environment overrides it).
add_compile_definitions(SNAG_TEST_POSTGRES_URL_FILE="${SNAG_TEST_POSTGRES_DIR}/url")

# For tests that may use the server. A backend-neutral suite is registered twice: once with
# SNAG_POSTGRES_SERVER_PROPERTIES (its TestDatabases are SQLite files, and tests that need a
# PostgreSQL server as well have one), and once with SNAG_POSTGRES_TEST_PROPERTIES (its
# TestDatabases are PostgreSQL schemas: tests/unit/support/test_database.hpp).
set(SNAG_POSTGRES_SERVER_PROPERTIES FIXTURES_REQUIRED postgres)
set(SNAG_POSTGRES_TEST_PROPERTIES FIXTURES_REQUIRED postgres ENVIRONMENT SNAG_TEST_BACKEND=postgresql)
