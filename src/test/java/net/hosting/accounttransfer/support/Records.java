package net.hosting.accounttransfer.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the service stored, read back for the checks of tests that run it as a cluster or under faults. */
public final class Records {

    private Records() {
    }

    /** Every year's document numbers run 1..n without a gap, whichever node issued them. */
    public static void assertDocumentNumbersWithoutGap(JdbcTemplate jdbc) {
        for (Map<String, Object> year : jdbc.queryForList(
                "select year, count(*) as documents, max(sequence) as highest from invoice group by year")) {
            assertThat(((Number) year.get("highest")).longValue()).as("numbers of " + year.get("year"))
                    .isEqualTo(((Number) year.get("documents")).longValue());
        }
    }

    /** How many jobs each node completed, by the hostname Camunda wrote beside each in its job log. */
    public static Map<String, Long> jobsCompletedByNode(JdbcTemplate jdbc) {
        Map<String, Long> jobs = new LinkedHashMap<>();
        jdbc.queryForList("select hostname_, count(*) as jobs from act_hi_job_log where job_state_ = 2"
                + " group by hostname_ order by hostname_")
                .forEach(row -> jobs.put((String) row.get("hostname_"), ((Number) row.get("jobs")).longValue()));
        return jobs;
    }
}
