import { Problems } from './private/problems';
import { checkProficiencyAttribute, checkProficiencyLevel } from './private/rules/proficiencies';

/**
 * How proficient an agent is in a predefined attribute: 1 (lowest) to 5 (highest).
 *
 * @see https://docs.aws.amazon.com/connect/latest/adminguide/predefined-attributes.html
 */
export class ProficiencyLevel {
  /** Level 1, the lowest. */
  public static readonly ONE = new ProficiencyLevel(1);
  /** Level 2. */
  public static readonly TWO = new ProficiencyLevel(2);
  /** Level 3. */
  public static readonly THREE = new ProficiencyLevel(3);
  /** Level 4. */
  public static readonly FOUR = new ProficiencyLevel(4);
  /** Level 5, the highest. */
  public static readonly FIVE = new ProficiencyLevel(5);

  /**
   * A level from a number from 1 to 5 (or a token). The API reference documents the whole
   * numbers 1 to 5; the schema and the API model take any number in that range, so another
   * is accepted with a synth warning on the user.
   *
   * @param levelValue the level, 1 (lowest) to 5 (highest)
   */
  public static of(levelValue: number): ProficiencyLevel {
    const problems = new Problems();
    checkProficiencyLevel(problems, 'levelValue', levelValue);
    problems.throwIfAny('ProficiencyLevel.of()');
    return new ProficiencyLevel(levelValue);
  }

  /**
   * A level without the check of `of()`, for `UserProficiency._fromFields()`.
   *
   * @internal
   */
  public static _unchecked(levelValue: number): ProficiencyLevel {
    return new ProficiencyLevel(levelValue);
  }

  /** The level as a number from 1 to 5. */
  public readonly levelValue: number;

  private constructor(levelValue: number) {
    this.levelValue = levelValue;
  }
}

/**
 * A proficiency of an agent: a value of a predefined attribute (for example
 * attribute `Language`, value `English`) at a level.
 *
 * The attribute and its value must exist as a predefined attribute in the
 * instance before the user is deployed.
 *
 * @see https://docs.aws.amazon.com/connect/latest/APIReference/API_UserProficiency.html
 */
export class UserProficiency {
  /**
   * A proficiency in `attributeValue` of the predefined attribute `attributeName`.
   *
   * @param attributeName the predefined attribute's name, 1-64 characters (e.g. `Language`)
   * @param attributeValue one of the attribute's values, 1-64 characters (e.g. `English`)
   * @param level how proficient the agent is
   */
  public static of(attributeName: string, attributeValue: string, level: ProficiencyLevel): UserProficiency {
    const problems = new Problems();
    checkProficiencyAttribute(problems, 'attributeName', attributeName);
    checkProficiencyAttribute(problems, 'attributeValue', attributeValue);
    problems.throwIfAny('UserProficiency.of()');
    return new UserProficiency(attributeName, attributeValue, level);
  }

  /**
   * A proficiency from its fields, as a roster's CSV or JSON reader has them,
   * without the factories' checks: the user's checks judge the same fields
   * (rules/proficiencies.ts), so a row's problems are reported together.
   *
   * @internal
   */
  public static _fromFields(attributeName: string, attributeValue: string, levelValue: number): UserProficiency {
    return new UserProficiency(attributeName, attributeValue, ProficiencyLevel._unchecked(levelValue));
  }

  /** The predefined attribute's name. */
  public readonly attributeName: string;
  /** The predefined attribute's value. */
  public readonly attributeValue: string;
  /** The proficiency level. */
  public readonly level: ProficiencyLevel;

  private constructor(attributeName: string, attributeValue: string, level: ProficiencyLevel) {
    this.attributeName = attributeName;
    this.attributeValue = attributeValue;
    this.level = level;
  }

}
