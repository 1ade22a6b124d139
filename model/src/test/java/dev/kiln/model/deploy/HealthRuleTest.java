package dev.kiln.model.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthRuleTest {

    /** Plays a deployment: hosts fail where {@code fails} says; returns the batch sizes and whether it succeeded. */
    private static String play(DeploymentConfig config, boolean... fails) {
        HealthRule rule = new HealthRule(config, fails.length);
        List<Integer> batches = new ArrayList<>();
        int next = 0;
        int succeeded = 0;
        while (next < fails.length) {
            int batch = rule.nextBatch(succeeded, fails.length - next);
            if (batch == 0) {
                return batches + " HEALTH_CONSTRAINTS";
            }
            batches.add(batch);
            for (int i = next; i < next + batch; i++) {
                succeeded += fails[i] ? 0 : 1;
            }
            next += batch;
        }
        return batches + (rule.succeeded(succeeded) ? " Succeeded" : " Failed");
    }

    @Test
    void one_at_a_time_fails_on_any_host_but_the_last() {
        DeploymentConfig c = DeploymentConfig.ONE_AT_A_TIME;
        assertThat(play(c, false, false, false)).isEqualTo("[1, 1, 1] Succeeded");
        assertThat(play(c, false, false, true)).isEqualTo("[1, 1, 1] Succeeded");
        assertThat(play(c, false, true, false)).isEqualTo("[1, 1] HEALTH_CONSTRAINTS");
        assertThat(play(c, true, false, false)).isEqualTo("[1] HEALTH_CONSTRAINTS");
        assertThat(play(c, true)).isEqualTo("[1] Failed");
    }

    @Test
    void half_at_a_time_takes_half_rounded_down_and_needs_half_rounded_up() {
        DeploymentConfig c = DeploymentConfig.HALF_AT_A_TIME;
        assertThat(new HealthRule(c, 3).minimum()).isEqualTo(2);
        assertThat(play(c, false, false, false)).isEqualTo("[1, 1, 1] Succeeded");
        assertThat(play(c, false, false, false, false)).isEqualTo("[2, 2] Succeeded");
        assertThat(play(c, false, false, true, false)).isEqualTo("[2, 2] Succeeded");
        assertThat(play(c, true, false, false, false)).isEqualTo("[2, 1, 1] Succeeded");
        assertThat(play(c, true, true, false, false)).isEqualTo("[2] HEALTH_CONSTRAINTS");
    }

    @Test
    void all_at_once_needs_one_success() {
        DeploymentConfig c = DeploymentConfig.ALL_AT_ONCE;
        assertThat(play(c, true, true, false)).isEqualTo("[3] Succeeded");
        assertThat(play(c, true, true, true)).isEqualTo("[3] Failed");
    }

    @Test
    void custom_minimums_follow_codedeploys_examples() {
        DeploymentConfig count = DeploymentConfig.of("", "6");
        assertThat(new HealthRule(count, 9).nextBatch(0, 9)).isEqualTo(3);
        DeploymentConfig percent = DeploymentConfig.of("", "40%");
        HealthRule rule = new HealthRule(percent, 9);
        assertThat(rule.minimum()).isEqualTo(4);
        assertThat(rule.nextBatch(0, 9)).isEqualTo(5);
        assertThat(rule.succeeded(4)).isTrue();
        assertThat(rule.succeeded(3)).isFalse();
        assertThat(new HealthRule(DeploymentConfig.of("", "0"), 2).succeeded(0)).isFalse();
    }

    @Test
    void impossible_minimums_are_refused_before_any_host_is_touched() {
        assertThat(new HealthRule(DeploymentConfig.of("", "3"), 3).invalid())
                .hasValueSatisfying(m -> assertThat(m).contains("needs 3 of 3 hosts"));
        assertThat(new HealthRule(DeploymentConfig.ALL_AT_ONCE, 0).invalid()).isPresent();
        assertThat(new HealthRule(DeploymentConfig.ONE_AT_A_TIME, 1).invalid()).isEmpty();
    }

    @Test
    void configurations_and_minimums_are_read_with_clear_errors() {
        assertThat(DeploymentConfig.of("CodeDeployDefault.AllAtOnce", null)).isEqualTo(DeploymentConfig.ALL_AT_ONCE);
        assertThat(DeploymentConfig.of(null, null)).isEqualTo(DeploymentConfig.ONE_AT_A_TIME);
        assertThatThrownBy(() -> DeploymentConfig.of("Fast", null)).hasMessageContaining("OneAtATime, HalfAtATime");
        assertThatThrownBy(() -> MinimumHealthyHosts.parse("100%")).hasMessageContaining("between 0 and 99");
        assertThatThrownBy(() -> MinimumHealthyHosts.parse("two")).hasMessageContaining("such as 50%");
    }

    @Test
    void ssh_hosts_are_read_with_ports() {
        assertThat(SshHost.parse("deploy@10.0.0.5")).isEqualTo(new SshHost("deploy", "10.0.0.5", 22));
        assertThat(SshHost.parse("deploy@127.0.0.1:2201").knownHostsName()).isEqualTo("[127.0.0.1]:2201");
        assertThat(SshHost.parse("a@[::1]:2200")).isEqualTo(new SshHost("a", "::1", 2200));
        assertThatThrownBy(() -> SshHost.parse("example.com")).hasMessageContaining("USER@HOST");
        assertThatThrownBy(() -> SshHost.parse("a@b:99999")).hasMessageContaining("between 1 and 65535");
    }
}
