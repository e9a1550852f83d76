print("supercool")
