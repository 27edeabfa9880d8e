from sopmodel.cli import main

raise SystemExit(main())
