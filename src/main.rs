fn main() {
    auth_config_builder::ui::start();
}
