# One throwaway PostgreSQL server for the whole test run (scripts/test-postgres.sh).
# CTest starts it before the first test that requires the `postgres` fixture and stops it
# after the last one, also when only such tests are selected (ctest -R …).
#
# A suite opts in with
#   gtest_discover_tests(<target> PROPERTIES ${SNAG_POSTGRES_TEST_PROPERTIES})
# and its tests find the server's URL in the file named by SNAG_TEST_POSTGRES_URL_FILE
# (tests/unit/support/postgres_test_database.hpp reads it). Include this file before the
# suites' add_subdirectory, so that they see the variable.
set(SNAG_TEST_POSTGRES_DIR ${CMAKE_BINARY_DIR}/test-postgres)
set(snag_test_postgres_script ${CMAKE_CURRENT_LIST_DIR}/../scripts/test-postgres.sh)

add_test(NAME postgres_start COMMAND bash ${snag_test_postgres_script} start ${SNAG_TEST_POSTGRES_DIR})
set_tests_properties(postgres_start PROPERTIES FIXTURES_SETUP postgres TIMEOUT 120)
add_test(NAME postgres_stop COMMAND bash ${snag_test_postgres_script} stop ${SNAG_TEST_POSTGRES_DIR})
set_tests_properties(postgres_stop PROPERTIES FIXTURES_CLEANUP postgres TIMEOUT 60)

set(SNAG_POSTGRES_TEST_PROPERTIES
    FIXTURES_REQUIRED postgres
    ENVIRONMENT SNAG_TEST_POSTGRES_URL_FILE=${SNAG_TEST_POSTGRES_DIR}/url)
