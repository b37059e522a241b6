fn main() {
    println!("regscope: headless subcommands coming");
}
