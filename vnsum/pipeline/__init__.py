"""The translation pipeline's stages, each a function with typed inputs and outputs:

1. ``prepare`` (``prepare_document``): text → ``PreparedDocument`` — normalised, its
   languages settled, cut into paragraphs and sentences. No model.
2. ``plan`` (``plan_direction``): the documents of one direction → ``DirectionPlan`` —
   every sentence once, what the translation memory already has, the rest cut to the
   model's input budget, and the unique pieces the model must translate.
3. ``run`` (``run_plan``): ``DirectionPlan`` + backend → piece → translation.
4. ``assemble``: ``PreparedDocument`` + plan + translations → ``Translation``.

``vnsum.translator.Translator`` orchestrates them: it owns the options, the backends (one
per direction, loaded on first use) and the translation memory.
"""
